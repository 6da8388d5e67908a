package io.atoll.runtime.client;

/** The coordinator refused a job (e.g. a job id already in use); nothing was started. */
public final class JobRejectedException extends RuntimeException {
  public JobRejectedException(String reason) {
    super(reason);
  }
}
