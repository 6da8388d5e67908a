package io.atoll.runtime.connector.file;

/** A record of an input file that cannot be read as the schema says; names file, line and column. */
public final class BadRecordException extends RuntimeException {
  public BadRecordException(String message, Throwable cause) {
    super(message, cause);
  }
}
