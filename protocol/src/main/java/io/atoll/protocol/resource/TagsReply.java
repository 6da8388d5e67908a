package io.atoll.protocol.resource;

import io.atoll.protocol.WireMessage;
import java.util.Objects;

/** The answer to {@link ResourceManagerProtocol.UpdateWorkerTags}. */
public sealed interface TagsReply extends WireMessage {

  /** The worker runs with the new tags; {@code profile} is its report after the change. */
  record TagsUpdated(WorkerProfile profile) implements TagsReply {
    public TagsUpdated {
      Objects.requireNonNull(profile, "profile");
    }
  }

  /**
   * Nothing changed.
   *
   * @param unknownWorker true when no live worker has that address (as opposed to a worker that
   *     did not confirm)
   */
  record TagsNotUpdated(boolean unknownWorker, String reason) implements TagsReply {}
}
