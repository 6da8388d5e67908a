package io.atoll.runtime.config;

/** A setting is missing or wrong; the message names the key and what is expected. */
public final class SettingsException extends RuntimeException {
  public SettingsException(String message) {
    super(message);
  }

  public SettingsException(String message, Throwable cause) {
    super(message, cause);
  }
}
