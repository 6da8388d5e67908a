package io.atoll.protocol.resource;

import io.atoll.protocol.WireMessage;
import java.util.Objects;

/** A live worker as the ResourceManager sees it, with the age of its last heartbeat. */
public record WorkerStatus(WorkerProfile profile, long lastHeartbeatEpochMillis, long heartbeatAgeMillis)
    implements WireMessage {
  public WorkerStatus {
    Objects.requireNonNull(profile, "profile");
  }
}
