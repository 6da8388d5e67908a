package io.atoll.runtime.connector.file;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueType;
import io.atoll.protocol.connector.OptionSpec;
import io.atoll.protocol.connector.OptionType;
import io.atoll.protocol.connector.PluginConfigs;
import io.atoll.protocol.connector.Source;
import io.atoll.protocol.connector.SourceFactory;
import io.atoll.protocol.data.RowType;
import io.atoll.runtime.connector.TableKeys;
import io.atoll.runtime.connector.TablesConfigs;
import io.atoll.protocol.data.DataType;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * SeaTunnel's {@code LocalFile} source: reads a file, or every file under a directory (one split
 * per file, hidden files and the sink's {@code .atoll-tmp} directory skipped), as text, csv or json lines.
 * Files are read on the worker that runs the reader, so the path must exist there. With SeaTunnel's
 * {@code tables_configs} it reads several tables, each element with its own path, format and schema.
 */
public final class LocalFileSourceFactory implements SourceFactory {
  // path and file_format_type are required unless tables_configs gives them per table: settings() checks
  static final OptionSpec PATH = OptionSpec.key("path")
      .description("Required: a file, or a directory whose files are all read (one split each)");
  static final OptionSpec FORMAT = OptionSpec.key("file_format_type")
      .fallbackNames("type").description("Required: text, csv or json (one JSON object per line)");
  static final OptionSpec DELIMITER = OptionSpec.key("field_delimiter").fallbackNames("delimiter")
      .description("Between cells: default \\u0001 for text, ',' for csv");
  static final OptionSpec SKIP_HEADER = OptionSpec.key("skip_header_row_number").type(OptionType.LONG)
      .defaultValue(0L).description("Lines skipped at the start of every file (text and csv)");
  static final OptionSpec ENCODING = OptionSpec.key("encoding").defaultValue("UTF-8")
      .description("The files' character set");
  static final OptionSpec DATE_FORMAT = OptionSpec.key("date_format").defaultValue(ValueFormats.DEFAULT_DATE)
      .description("Pattern of date cells; ISO and yyyy/MM/dd, yyyy.MM.dd, yyyyMMdd are accepted too");
  static final OptionSpec TIME_FORMAT = OptionSpec.key("time_format").defaultValue(ValueFormats.DEFAULT_TIME)
      .description("Pattern of time cells");
  static final OptionSpec DATETIME_FORMAT = OptionSpec.key("datetime_format")
      .defaultValue(ValueFormats.DEFAULT_DATETIME).description("Pattern of timestamp cells; ISO accepted too");

  static final OptionSpec READ_COLUMNS = OptionSpec.key("read_columns").type(OptionType.STRING_LIST)
      .description("The schema fields produced, in this order; default all");
  static final OptionSpec FILE_FILTER_PATTERN = OptionSpec.key("file_filter_pattern")
      .description("A regular expression: only files whose name matches it entirely are read");
  static final OptionSpec COMPRESS_CODEC = OptionSpec.key("compress_codec").defaultValue("none")
      .description("none or gzip");

  static final OptionSpec PARSE_PARTITION = OptionSpec.key("parse_partition_from_path").type(OptionType.BOOLEAN)
      .defaultValue(true).description("Add a string field per key=value directory above the files (name=a/hobby=b)");

  @Override
  public String name() {
    return "LocalFile";
  }

  @Override
  public List<OptionSpec> options() {
    return List.of(TablesConfigs.OPTION, PATH, FORMAT, DELIMITER, SchemaConfig.SCHEMA, SKIP_HEADER, ENCODING, DATE_FORMAT,
        TIME_FORMAT, DATETIME_FORMAT, READ_COLUMNS, FILE_FILTER_PATTERN, COMPRESS_CODEC, PARSE_PARTITION);
  }

  @Override
  public List<String> validate(Config config, RowType input) {
    List<String> problems = new ArrayList<>();
    tables(config, problems);
    return problems;
  }

  @Override
  public Source createSource(Config config) {
    List<String> problems = new ArrayList<>();
    List<LocalFileSource.Table> tables = tables(config, problems);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("LocalFile source: " + String.join("; ", problems));
    }
    return new LocalFileSource(tables);
  }

  /**
   * The block's tables: itself, or with {@code tables_configs} one per element, each a whole
   * LocalFile config (path, format, schema...) whose problems name the element. Null after a problem.
   */
  private static List<LocalFileSource.Table> tables(Config config, List<String> problems) {
    if (!TablesConfigs.present(config)) {
      LocalFileSourceSettings settings = settings(config, problems);
      return settings == null ? null : List.of(new LocalFileSource.Table(
          TableKeys.table(TablesConfigs.singleTableId(config), settings.rowType(), config, problems), settings));
    }
    int before = problems.size();
    List<LocalFileSource.Table> tables = new ArrayList<>();
    for (TablesConfigs.Element element : TablesConfigs.read(config, problems)) {
      List<String> own = new ArrayList<>();
      LocalFileSourceSettings settings = settings(element.config(), own);
      if (settings != null) {
        tables.add(new LocalFileSource.Table(
            TableKeys.table(element.tableId(), settings.rowType(), element.config(), own), settings));
      }
      own.forEach(p -> problems.add(element.problem(p)));
    }
    return problems.size() > before ? null : tables;
  }

  static LocalFileSourceSettings settings(Config config, List<String> problems) {
    String path = PluginConfigs.string(config, PATH);
    if (path == null || path.isBlank()) {
      problems.add("option 'path' is required: a file or a directory");
    }
    FileFormat format = FileOptions.format(config, FORMAT, problems);
    String delimiter = FileOptions.readDelimiter(config, DELIMITER, format, problems);
    Optional<RowType> schema = Optional.empty();
    try {
      schema = declaresNoField(config) ? Optional.of(new RowType(List.of())) : SchemaConfig.read(config);
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
    }
    if (format != null && format != FileFormat.TEXT && !config.hasPath("schema")) {
      problems.add("option 'schema' is required for file_format_type = " + format.optionValue()
          + " (only text can be read without one, as a single 'content' field)");
    }
    long skip = PluginConfigs.longValue(config, SKIP_HEADER);
    if (skip < 0) {
      problems.add("option 'skip_header_row_number' must be 0 or more, got " + skip);
    }
    if (skip > 0 && format == FileFormat.JSON) {
      problems.add("option 'skip_header_row_number' applies to text and csv only, not json");
    }
    Charset charset = FileOptions.charset(config, ENCODING, problems);
    ValueFormats formats = FileOptions.formats(config, DATE_FORMAT, TIME_FORMAT, DATETIME_FORMAT,
        format == FileFormat.JSON, problems);
    Compression compression = Compression.read(config, COMPRESS_CODEC, problems);
    Pattern fileFilter = null;
    String filter = PluginConfigs.string(config, FILE_FILTER_PATTERN);
    if (filter != null) {
      try {
        fileFilter = Pattern.compile(filter);
      } catch (PatternSyntaxException e) {
        problems.add("option 'file_filter_pattern': not a regular expression: " + e.getDescription()
            + " near index " + e.getIndex() + " of '" + filter + "'");
      }
    }
    if (schema.isPresent() && schema.get().arity() == 0 && path != null && !path.isBlank()) {
      emptySchemaHasNoFiles(Path.of(path), fileFilter, problems);
    }
    RowType fileType = schema.orElse(LocalFileSourceSettings.CONTENT);
    List<Integer> readColumns = new ArrayList<>();
    for (String column : PluginConfigs.stringList(config, READ_COLUMNS)) {
      int index = fileType.indexOf(column);
      if (index < 0) {
        problems.add("option 'read_columns': no field '" + column + "' in the schema; it has " + fileType.names());
      } else {
        readColumns.add(index);
      }
    }
    if (!problems.isEmpty()) {
      return null;
    }
    RowType rowType = fileType;
    if (!readColumns.isEmpty()) {
      rowType = new RowType(readColumns.stream().map(i -> fileType.fields().get(i)).toList());
    }
    List<String> partitions = List.of();
    boolean parsePartitions = PluginConfigs.bool(config, PARSE_PARTITION);
    if (parsePartitions) {
      partitions = partitionColumns(Path.of(path), fileFilter, fileType, problems);
      for (String name : partitions) {
        rowType = rowType.plus(new RowType.Field(name, DataType.Basic.STRING));
      }
    }
    if (!problems.isEmpty()) {
      return null;
    }
    return new LocalFileSourceSettings(Path.of(path), format, delimiter, rowType, schema.isPresent(), skip,
        formats, charset, fileType, List.copyOf(readColumns), fileFilter, compression, parsePartitions, partitions);
  }

  /**
   * {@code schema {}}, {@code schema { fields {} }} or {@code columns = []}: SeaTunnel accepts it
   * and reads an empty directory as zero rows, so a job over a directory that may be empty runs.
   */
  private static boolean declaresNoField(Config config) {
    if (!config.hasPath("schema") || config.getValue("schema").valueType() != ConfigValueType.OBJECT) {
      return false;
    }
    Config schema = config.getConfig("schema");
    if (schema.isEmpty()) {
      return true;
    }
    if (schema.hasPath("fields") && schema.getValue("fields").valueType() == ConfigValueType.OBJECT) {
      return schema.getObject("fields").isEmpty() && !schema.hasPath("columns");
    }
    return schema.hasPath("columns") && schema.getValue("columns").valueType() == ConfigValueType.LIST
        && schema.getList("columns").isEmpty() && !schema.hasPath("fields");
  }

  /** A schema of no field only fits no data: files to read would all be lost, so they are refused. */
  private static void emptySchemaHasNoFiles(Path root, Pattern fileFilter, List<String> problems) {
    if (!Files.exists(root)) {
      return;
    }
    try {
      List<Path> files = LocalFileEnumerator.list(root, fileFilter);
      if (!files.isEmpty()) {
        problems.add("option 'schema' declares no field, but path '" + root + "' has " + files.size()
            + " file(s) to read, such as " + files.get(0) + "; declare the fields of its records");
      }
    } catch (IOException e) {
      problems.add("option 'path': cannot list " + root + ": " + e.getMessage());
    }
  }

  /**
   * The partition columns named by the first file's {@code key=value} directories, as SeaTunnel
   * takes them; a name the schema already has is left to the file's own column. None when the
   * path does not exist (yet): the enumerator reports that.
   */
  private static List<String> partitionColumns(Path root, Pattern fileFilter, RowType fileType,
      List<String> problems) {
    if (!Files.exists(root)) {
      return List.of();
    }
    List<Path> files;
    try {
      files = LocalFileEnumerator.list(root, fileFilter);
    } catch (IOException e) {
      problems.add("option 'path': cannot list " + root + ": " + e.getMessage());
      return List.of();
    }
    if (files.isEmpty()) {
      return List.of();
    }
    return PartitionPath.of(files.get(0)).keySet().stream().filter(k -> fileType.indexOf(k) < 0).toList();
  }
}
