package io.atoll.runtime.tls;

/**
 * Key material cannot be used: a file is missing, unreadable, not what it should be, or a
 * password does not open it. The message names the file and what was wrong; {@link #wrong()} says
 * which setting to fix, so callers can name their option.
 */
public final class KeyMaterialException extends RuntimeException {
  /** What is wrong: the file (missing, unreadable, malformed) or one of the passwords. */
  public enum Wrong { FILE, STORE_PASSWORD, KEY_PASSWORD }

  private final Wrong wrong;

  public KeyMaterialException(String message) {
    this(Wrong.FILE, message, null);
  }

  public KeyMaterialException(String message, Throwable cause) {
    this(Wrong.FILE, message, cause);
  }

  public KeyMaterialException(Wrong wrong, String message, Throwable cause) {
    super(message, cause);
    this.wrong = wrong;
  }

  public Wrong wrong() {
    return wrong;
  }
}
