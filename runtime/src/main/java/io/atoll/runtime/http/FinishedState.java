package io.atoll.runtime.http;

import io.atoll.protocol.job.JobStatus;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The {@code state} of {@code GET /finished-jobs/{state}}, with SeaTunnel's names. Atoll jobs never
 * end in UNKNOWABLE; it is accepted, as SeaTunnel clients send it, and always lists nothing.
 */
enum FinishedState {
  ALL(null),
  FINISHED(JobStatus.FINISHED),
  CANCELED(JobStatus.CANCELED),
  FAILED(JobStatus.FAILED),
  SAVEPOINT_DONE(JobStatus.SAVEPOINT_DONE),
  UNKNOWABLE(null);

  private final JobStatus status;

  FinishedState(JobStatus status) {
    this.status = status;
  }

  boolean matches(JobStatus ended) {
    return this == ALL || ended == status;
  }

  /** Case-insensitive; @throws ApiException (400) naming the states there are */
  static FinishedState parse(String text) {
    String name = text.trim().toUpperCase(Locale.ROOT);
    if (!name.equals(ALL.name())) {
      for (FinishedState state : values()) {
        if (state.name().equals(name)) {
          return state;
        }
      }
    }
    String allowed = Arrays.stream(values()).filter(s -> s != ALL).map(Enum::name).collect(Collectors.joining(", "));
    throw ApiException.badRequest("unknown finished job state '" + text + "'; use one of " + allowed
        + ", or /finished-jobs for all ended jobs");
  }
}
