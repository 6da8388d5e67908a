package io.atoll.runtime.client;

/**
 * The job coordinator did not answer for {@code atoll.client.unreachable-timeout} while a client
 * waited for a job; the message says what was tried. The job itself may still run.
 */
public final class CoordinatorUnreachableException extends RuntimeException {
  public CoordinatorUnreachableException(String message, Throwable lastFailure) {
    super(message, lastFailure);
  }
}
