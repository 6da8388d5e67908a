package io.atoll.runtime.connector.file;

import com.typesafe.config.Config;
import io.atoll.protocol.connector.OptionSpec;
import io.atoll.protocol.connector.PluginConfigs;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * SeaTunnel's {@code compress_codec} for text, csv and json files. SeaTunnel 2.3.4 offers
 * {@code lzo} and {@code none} for these formats; Atoll offers {@code none} and {@code gzip} (in
 * the JDK, readable by every tool) and refuses SeaTunnel's other codecs by name rather than writing
 * or reading them uncompressed.
 */
enum Compression {
  NONE(""),
  GZIP(".gz");

  static final List<String> NOT_YET = List.of("lzo", "snappy", "lz4", "zlib", "zstd", "brotli");

  private final String suffix;

  Compression(String suffix) {
    this.suffix = suffix;
  }

  /** Appended to a written file's name after the format's extension. */
  String suffix() {
    return suffix;
  }

  OutputStream wrap(OutputStream out) throws IOException {
    // sync flush: a flush (at a checkpoint without transactions) puts everything written on disk
    return this == GZIP ? new GZIPOutputStream(out, 8192, true) : out;
  }

  InputStream wrap(InputStream in) throws IOException {
    return this == GZIP ? new GZIPInputStream(in) : in;
  }

  static Compression read(Config config, OptionSpec option, List<String> problems) {
    String name = PluginConfigs.string(config, option).trim().toLowerCase(Locale.ROOT);
    switch (name) {
      case "none", "" -> {
        return NONE;
      }
      case "gzip", "gz" -> {
        return GZIP;
      }
      default -> {
        problems.add("option '" + option.name() + "': '" + name + "' is "
            + (NOT_YET.contains(name) ? "not supported yet" : "unknown") + "; use none or gzip");
        return null;
      }
    }
  }
}
