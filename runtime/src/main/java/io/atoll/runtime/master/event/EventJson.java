package io.atoll.runtime.master.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.atoll.protocol.event.JobEvent;
import io.atoll.protocol.job.Secrets;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The body of an event POST: a JSON array of objects with {@code eventId}, {@code eventType},
 * {@code jobId}, {@code createdTime} and, where the type has them, {@code pipelineId},
 * {@code taskGroup}, {@code checkpointId}, {@code reason} and {@code worker} (absent rather than null).
 */
public final class EventJson {
  private static final JsonFactory FACTORY = new JsonFactory();

  private EventJson() {}

  public static byte[] array(List<JobEvent> events) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 + events.size() * 160);
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      json.writeStartArray();
      for (JobEvent e : events) {
        json.writeStartObject();
        json.writeStringField("eventId", e.eventId());
        json.writeStringField("eventType", e.eventType().name());
        json.writeNumberField("jobId", e.jobId());
        json.writeNumberField("createdTime", e.createdTime());
        if (e.pipelineId() != null) {
          json.writeNumberField("pipelineId", e.pipelineId());
        }
        if (e.taskGroup() != null) {
          json.writeStringField("taskGroup", e.taskGroup());
        }
        if (e.checkpointId() != null) {
          json.writeNumberField("checkpointId", e.checkpointId());
        }
        if (e.reason() != null) {
          json.writeStringField("reason", Secrets.maskUrls(e.reason()));
        }
        if (e.worker() != null) {
          json.writeStringField("worker", e.worker());
        }
        json.writeEndObject();
      }
      json.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write events as JSON", e);
    }
    return out.toByteArray();
  }
}
