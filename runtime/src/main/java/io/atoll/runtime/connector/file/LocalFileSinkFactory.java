package io.atoll.runtime.connector.file;

import com.typesafe.config.Config;
import io.atoll.protocol.connector.OptionSpec;
import io.atoll.protocol.connector.OptionType;
import io.atoll.protocol.connector.PluginConfigs;
import io.atoll.protocol.connector.PluginFactory;
import io.atoll.protocol.connector.Sink;
import io.atoll.protocol.connector.SinkEnd;
import io.atoll.protocol.connector.SinkFactory;
import io.atoll.protocol.data.CatalogTable;
import io.atoll.protocol.data.RowType;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * SeaTunnel's {@code LocalFile} sink: exactly-once by default — each writer (subtask) writes a
 * hidden temp file per checkpoint and moves it into the directory {@code path} when the checkpoint
 * completes (two-phase commit, see {@link LocalFileWriter}). The temp files live below {@code path},
 * or below SeaTunnel's {@code tmp_path} when that is on the same file system (see {@link StagingRoot}),
 * so the commit is a rename within one file system, never a copy.
 *
 * <p>On a multi-table input each table gets its own writer (SeaTunnel's sink template), whose
 * {@code path} has {@code ${table_name}}, {@code ${database_name}} and {@code ${schema_name}}
 * replaced by its table's, as SeaTunnel does (a part the id lacks stays as written). Two tables
 * must not share a directory: their writers' temp files and names would collide.
 */
public final class LocalFileSinkFactory implements SinkFactory {
  static final OptionSpec PATH = OptionSpec.key("path").required()
      .description("The directory the files are written to; created when missing. ${table_name}, "
          + "${database_name} and ${schema_name} stand for the parts of the table's id (db.schema.table)");
  static final OptionSpec FORMAT = OptionSpec.key("file_format_type").defaultValue("csv")
      .fallbackNames("file_format").description("text, csv or json");
  static final OptionSpec DELIMITER = OptionSpec.key("field_delimiter")
      .description("Between cells: default \\u0001 for text, ',' for csv");
  static final OptionSpec ROW_DELIMITER = OptionSpec.key("row_delimiter").defaultValue("\n")
      .description("After each record");
  static final OptionSpec CUSTOM_FILENAME = OptionSpec.key("custom_filename").type(OptionType.BOOLEAN)
      .defaultValue(false).description("Name files by file_name_expression");
  static final OptionSpec FILE_NAME_EXPRESSION = OptionSpec.key("file_name_expression")
      .defaultValue("${transactionId}")
      .description("With custom_filename: ${transactionId}, ${now}, ${uuid}; the transaction id is "
          + "prefixed when absent so names never collide; the format's extension is appended");
  static final OptionSpec FILENAME_TIME_FORMAT = OptionSpec.key("filename_time_format")
      .defaultValue("yyyy.MM.dd").description("Pattern of ${now}");
  static final OptionSpec TRANSACTION = OptionSpec.key("is_enable_transaction").type(OptionType.BOOLEAN)
      .defaultValue(true).description("Exactly-once: write hidden temp files, moved into path when their checkpoint completes");
  static final OptionSpec HEADER = OptionSpec.key("enable_header_write").type(OptionType.BOOLEAN)
      .defaultValue(false).description("Write the field names first (text and csv)");
  static final OptionSpec ENCODING = OptionSpec.key("encoding").defaultValue("UTF-8")
      .description("The files' character set");
  static final OptionSpec DATE_FORMAT = OptionSpec.key("date_format").defaultValue(ValueFormats.DEFAULT_DATE)
      .description("Pattern of date values");
  static final OptionSpec TIME_FORMAT = OptionSpec.key("time_format").defaultValue(ValueFormats.DEFAULT_TIME)
      .description("Pattern of time values");
  static final OptionSpec DATETIME_FORMAT = OptionSpec.key("datetime_format")
      .defaultValue(ValueFormats.DEFAULT_DATETIME).description("Pattern of timestamp values");

  static final OptionSpec SINK_COLUMNS = OptionSpec.key("sink_columns").type(OptionType.STRING_LIST)
      .description("The fields written, in this order; default all");
  static final OptionSpec PARTITION_BY = OptionSpec.key("partition_by").type(OptionType.STRING_LIST)
      .description("Fields whose values name a sub-directory per row, k0=v0/k1=v1/...");
  static final OptionSpec PARTITION_DIR_EXPRESSION = OptionSpec.key("partition_dir_expression")
      .description("The partition directory with ${kN} / ${vN}: the N-th partition field's name / value");
  static final OptionSpec PARTITION_FIELD_IN_FILE = OptionSpec.key("is_partition_field_write_in_file")
      .type(OptionType.BOOLEAN).defaultValue(false).description("Write the partition fields in the files too");
  static final OptionSpec HAVE_PARTITION = OptionSpec.key("have_partition").type(OptionType.BOOLEAN)
      .defaultValue(false).description("Accepted for SeaTunnel's files; partition_by alone turns partitions on");
  static final OptionSpec BATCH_SIZE = OptionSpec.key("batch_size").type(OptionType.LONG).defaultValue(1_000_000L)
      .description("Rows per file at most; the next rows go to a new file (name suffixed _1, _2, ...)");
  static final OptionSpec TMP_PATH = OptionSpec.key("tmp_path")
      .description("Where uncommitted files are staged; must be on path's file system; default below path");
  static final OptionSpec COMPRESS_CODEC = OptionSpec.key("compress_codec").defaultValue("none")
      .description("none or gzip (the name gets .gz)");

  private static final String DEFAULT_DIR_EXPRESSION = "${k0}=${v0}/${k1}=${v1}/.../${kn}=${vn}/";

  private final Clock clock;

  public LocalFileSinkFactory() {
    this(Clock.systemDefaultZone());
  }

  LocalFileSinkFactory(Clock clock) {
    this.clock = clock;
  }

  @Override
  public String name() {
    return "LocalFile";
  }

  @Override
  public List<OptionSpec> options() {
    return List.of(PATH, FORMAT, DELIMITER, ROW_DELIMITER, CUSTOM_FILENAME, FILE_NAME_EXPRESSION,
        FILENAME_TIME_FORMAT, TRANSACTION, HEADER, ENCODING, DATE_FORMAT, TIME_FORMAT, DATETIME_FORMAT,
        SINK_COLUMNS, PARTITION_BY, PARTITION_DIR_EXPRESSION, PARTITION_FIELD_IN_FILE, HAVE_PARTITION, BATCH_SIZE,
        COMPRESS_CODEC, TMP_PATH);
  }

  @Override
  public List<String> validate(Config config, RowType input) {
    List<String> problems = new ArrayList<>();
    LocalFileSinkSettings settings = settings(config, problems);
    if (settings != null && input != null) {
      SinkLayout.of(settings, input, problems);
    }
    return problems;
  }

  @Override
  public List<String> validate(Config config, List<CatalogTable> tables) {
    List<String> problems = new ArrayList<>(SinkFactory.super.validate(config, tables));
    String path = PluginConfigs.string(config, PATH);
    if (path != null && tables.size() > 1) {
      Map<String, String> byDirectory = new HashMap<>();
      for (CatalogTable table : tables) {
        String other = byDirectory.putIfAbsent(pathFor(path, table), table.id());
        if (other != null) {
          problems.add("option 'path': tables '" + other + "' and '" + table.id() + "' would both be written to '"
              + pathFor(path, table) + "'; put ${table_name} in path (e.g. \"" + path + "/${table_name}\") so each "
              + "table has its own directory");
          break;
        }
      }
    }
    return problems;
  }

  /** SeaTunnel's replacement of the table's id parts in {@code path}; a part the id lacks stays as written. */
  static String pathFor(String path, CatalogTable table) {
    String replaced = path;
    if (table.databaseName() != null) {
      replaced = replaced.replace("${database_name}", table.databaseName());
    }
    if (table.schemaName() != null) {
      replaced = replaced.replace("${schema_name}", table.schemaName());
    }
    if (table.tableName() != null) {
      replaced = replaced.replace("${table_name}", table.tableName());
    }
    return replaced;
  }

  @Override
  public Sink createSink(Config config, RowType input) {
    return createSink(config, CatalogTable.only(input));
  }

  @Override
  public Sink createSink(Config config, CatalogTable table) {
    RowType input = table.type();
    List<String> problems = new ArrayList<>();
    LocalFileSinkSettings settings = settings(config, table, problems);
    SinkLayout layout = settings == null ? null : SinkLayout.of(settings, input, problems);
    if (PluginFactory.problemsSince(problems, 0)) {
      throw new IllegalArgumentException("LocalFile sink: " + String.join("; ", problems));
    }
    return context -> {
      try {
        java.nio.file.Files.createDirectories(settings.directory());
        if (settings.transactional()) {
          StagingRoot.checkRename(settings.stagingRoot(), settings.directory());
        }
      } catch (java.nio.file.FileSystemException e) {
        throw cannotCreate(settings, e);
      }
      return new LocalFileWriter(settings, layout, context, () -> LocalDateTime.now(clock));
    };
  }

  /**
   * Transactional output its writers staged and will never settle, because the pipeline ended
   * without finishing: committed when the last completed checkpoint lists it, deleted otherwise
   * ({@link LocalFileSettlement}; where this master sees the output directory).
   */
  @Override
  public void settleAfterEnd(Config config, SinkEnd end) throws IOException {
    List<String> problems = new ArrayList<>();
    LocalFileSinkSettings settings = settings(config, problems);
    if (settings != null && settings.transactional()) {
      LocalFileSettlement.settle(PluginConfigs.string(config, PATH), PluginConfigs.string(config, TMP_PATH), end);
    }
  }

  /**
   * The output or staging directory cannot be made on this worker: said with the option and the
   * reason (the JDK's exception names only the path).
   */
  private static IOException cannotCreate(LocalFileSinkSettings settings, java.nio.file.FileSystemException e) {
    Path failed = e.getFile() == null ? settings.directory() : Path.of(e.getFile());
    Path directory = settings.directory().toAbsolutePath();
    failed = failed.toAbsolutePath();
    String option = directory.startsWith(failed) || failed.startsWith(directory) ? "path" : "tmp_path";
    String reason = e instanceof java.nio.file.AccessDeniedException ? "permission denied"
        : e instanceof java.nio.file.NoSuchFileException ? "no such file or directory"
        : e instanceof java.nio.file.FileAlreadyExistsException ? "a file that is not a directory is in the way"
        : e.getReason() != null ? e.getReason() : e.toString();
    return new IOException("LocalFile sink: option '" + option + "': cannot create " + e.getFile() + " on this worker: "
        + reason, e);
  }

  static LocalFileSinkSettings settings(Config config, List<String> problems) {
    return settings(config, CatalogTable.only(RowType.of()), problems);
  }

  /** The settings of the writer of {@code table}: its path has the table's names in place. */
  static LocalFileSinkSettings settings(Config config, CatalogTable table, List<String> problems) {
    String path = PluginConfigs.string(config, PATH);
    path = path == null ? null : pathFor(path, table);
    if (path == null || path.isBlank()) {
      problems.add("option 'path' is required: the output directory");
    }
    FileFormat format = FileOptions.format(config, FORMAT, problems);
    String delimiter = FileOptions.delimiter(config, DELIMITER, format, problems);
    String rowDelimiter = PluginConfigs.string(config, ROW_DELIMITER);
    if (rowDelimiter.isEmpty()) {
      problems.add("option 'row_delimiter' must not be empty");
    }
    String expression = PluginConfigs.string(config, FILE_NAME_EXPRESSION);
    List<String> unknown = FileNames.unknownVariables(expression);
    if (!unknown.isEmpty()) {
      problems.add("option 'file_name_expression': unknown variable(s) " + unknown + "; known: "
          + FileNames.VARIABLES);
    }
    if (expression.contains("/") || expression.contains("\\") || expression.isBlank()) {
      problems.add("option 'file_name_expression' must name a file inside 'path', got '" + expression + "'");
    }
    String timeFormat = PluginConfigs.string(config, FILENAME_TIME_FORMAT);
    try {
      DateTimeFormatter.ofPattern(timeFormat);
    } catch (IllegalArgumentException e) {
      problems.add("option 'filename_time_format': bad pattern '" + timeFormat + "': " + e.getMessage());
    }
    Charset charset = FileOptions.charset(config, ENCODING, problems);
    ValueFormats formats = FileOptions.formats(config, DATE_FORMAT, TIME_FORMAT, DATETIME_FORMAT,
        format == FileFormat.JSON, problems);
    String dirExpression = PluginConfigs.string(config, PARTITION_DIR_EXPRESSION);
    if (dirExpression != null && (dirExpression.isBlank() || dirExpression.equals(DEFAULT_DIR_EXPRESSION))) {
      dirExpression = null; // SeaTunnel's documented default, written out: means k0=v0/k1=v1/...
    }
    long batchSize = PluginConfigs.longValue(config, BATCH_SIZE);
    if (batchSize <= 0) {
      problems.add("option 'batch_size' must be 1 or more (rows per file), got " + batchSize);
    }
    Compression compression = Compression.read(config, COMPRESS_CODEC, problems);
    String tmpPath = PluginConfigs.string(config, TMP_PATH);
    tmpPath = tmpPath == null ? null : pathFor(tmpPath, table); // SeaTunnel replaces the table's names here too
    if (tmpPath != null && tmpPath.isBlank()) {
      problems.add("option 'tmp_path' must not be empty; leave it out to stage files below 'path'");
    }
    if (!problems.isEmpty()) {
      return null;
    }
    return new LocalFileSinkSettings(Path.of(path), format, delimiter, rowDelimiter,
        PluginConfigs.bool(config, CUSTOM_FILENAME), expression, timeFormat,
        PluginConfigs.bool(config, TRANSACTION), PluginConfigs.bool(config, HEADER), formats, charset,
        PluginConfigs.stringList(config, SINK_COLUMNS), PluginConfigs.stringList(config, PARTITION_BY),
        dirExpression, PluginConfigs.bool(config, PARTITION_FIELD_IN_FILE), batchSize, compression,
        StagingRoot.of(Path.of(path), tmpPath));
  }
}
