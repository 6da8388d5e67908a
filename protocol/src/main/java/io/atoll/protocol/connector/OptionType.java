package io.atoll.protocol.connector;

/** The value types a plugin option may declare; validation checks a job file against them. */
public enum OptionType {
  STRING,
  INT,
  LONG,
  DOUBLE,
  BOOLEAN,
  /** A HOCON duration or a number of milliseconds. */
  DURATION,
  /** One of {@link OptionSpec#allowedValues()}, case-insensitive. */
  ENUM,
  STRING_LIST,
  /** A nested object, e.g. {@code schema} or {@code tag_filter}. */
  OBJECT,
  /** A list of objects, e.g. {@code rows} or {@code field_rules}. */
  OBJECT_LIST,
  /** Anything; the plugin checks it itself in {@link PluginFactory#validate}. */
  ANY
}
