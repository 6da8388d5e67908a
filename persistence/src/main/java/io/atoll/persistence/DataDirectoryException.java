package io.atoll.persistence;

/**
 * A node's data directory cannot be used. The message names the path, what is wrong and what to do,
 * because it is shown to the operator as-is when a node refuses to start.
 */
public final class DataDirectoryException extends RuntimeException {
  public DataDirectoryException(String message) {
    super(message);
  }

  public DataDirectoryException(String message, Throwable cause) {
    super(message, cause);
  }
}
