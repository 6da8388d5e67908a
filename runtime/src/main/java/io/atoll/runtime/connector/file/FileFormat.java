package io.atoll.runtime.connector.file;

import java.util.List;
import java.util.Locale;

/** The file formats LocalFile reads and writes, with SeaTunnel's defaults for each. */
enum FileFormat {
  TEXT("txt", "\u0001"),
  CSV("csv", ","),
  JSON("json", "");

  private final String extension;
  private final String defaultDelimiter;

  FileFormat(String extension, String defaultDelimiter) {
    this.extension = extension;
    this.defaultDelimiter = defaultDelimiter;
  }

  String extension() {
    return extension;
  }

  /** SeaTunnel's default {@code field_delimiter}: {@code \u0001} for text, {@code ,} for csv. */
  String defaultDelimiter() {
    return defaultDelimiter;
  }

  /** The names job files use, for {@code file_format_type}'s allowed values. */
  static final String[] NAMES = {"text", "csv", "json"};

  /** SeaTunnel's binary formats: refused as "not supported yet", never read or written as text. */
  static final List<String> NOT_YET = List.of("parquet", "orc", "excel", "xml", "binary");

  /** The name job files use. */
  String optionValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  static FileFormat parse(String name) {
    return valueOf(name.trim().toUpperCase(Locale.ROOT));
  }
}
