package io.atoll.persistence;

/**
 * The shared journal database cannot be used at start: unreachable, refused the login, or its tables
 * cannot be created. The message names the URL (never the password), what failed and what to do,
 * because it is shown to the operator as-is when a master refuses to start.
 */
public final class JournalDatabaseException extends RuntimeException {
  public JournalDatabaseException(String message, Throwable cause) {
    super(message, cause);
  }
}
