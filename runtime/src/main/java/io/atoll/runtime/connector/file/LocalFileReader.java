package io.atoll.runtime.connector.file;

import io.atoll.protocol.connector.Collector;
import io.atoll.protocol.connector.ReaderContext;
import io.atoll.protocol.connector.ResourceScope;
import io.atoll.protocol.connector.SourceReader;
import io.atoll.protocol.connector.SourceSplit;
import io.atoll.runtime.connector.SplitInbox;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import io.atoll.protocol.data.Row;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads its files one after another, at most {@link #BATCH} records per {@link #pollNext}, keeping
 * the open file between calls. It asks for one file at a time and asks again when it has none, so
 * the enumerator can balance files between readers. Its checkpoint is the file being read with the
 * number of physical lines consumed (attribute {@code line}; taken between two records, so a csv
 * record spanning lines is never cut) and the files not started; a restored reader skips that many
 * lines and goes on with the next record. With several tables ({@code tables_configs}) a split names
 * its table: the reader reads it with that table's settings and its rows carry the table's id.
 */
final class LocalFileReader implements SourceReader {
  static final int BATCH = 1000;
  static final String LINE = "line";

  private final List<LocalFileSource.Table> tables;
  private final List<RecordDecoder> decoders;
  /** The current split's table: its settings, decoder and id. */
  private LocalFileSourceSettings settings;
  private RecordDecoder decoder;
  private String tableId;
  private final SplitInbox inbox;
  /** Where the open file is registered ("file") while it is read. */
  private final ResourceScope resources;
  private ResourceScope.Held held;
  private SourceSplit split;
  private Path file;
  private BufferedReader in;
  /** Physical lines consumed from the current file. */
  private long line;
  private Object[] partitionValues = new Object[0];
  /** The line the current record starts on, for messages. */
  private long recordLine;

  LocalFileReader(LocalFileSourceSettings settings, ReaderContext context) {
    this(List.of(new LocalFileSource.Table(io.atoll.protocol.data.CatalogTable.only(settings.rowType()), settings)), context);
  }

  LocalFileReader(List<LocalFileSource.Table> tables, ReaderContext context) {
    this.tables = List.copyOf(tables);
    this.decoders = tables.stream().map(t -> new RecordDecoder(t.settings())).toList();
    this.inbox = new SplitInbox(context);
    this.resources = context.resources();
    this.settings = tables.get(0).settings();
    this.decoder = decoders.get(0);
  }

  @Override
  public void open() {
    inbox.open();
  }

  @Override
  public void addSplits(List<SourceSplit> newSplits) {
    inbox.add(newSplits);
  }

  @Override
  public void handleNoMoreSplits() {
    inbox.noMoreSplits();
  }

  @Override
  public void pollNext(Collector collector) throws IOException {
    if (in == null && !openNext()) {
      return;
    }
    for (int n = 0; n < BATCH; n++) {
      String record = nextRecord();
      if (record == null) {
        closeFile();
        return;
      }
      if (record.isEmpty() && settings.format() != FileFormat.TEXT) {
        continue;
      }
      collector.collect(withPartitions(decoder.decode(record, file, recordLine)).withTable(tableId));
    }
  }

  private Row withPartitions(Row row) {
    if (partitionValues.length == 0) {
      return row;
    }
    Object[] values = Arrays.copyOf(row.values(), row.arity() + partitionValues.length);
    System.arraycopy(partitionValues, 0, values, row.arity(), partitionValues.length);
    return new Row(row.kind(), values);
  }

  /**
   * The file's values of the partition columns; null where its path lacks one. A file under a
   * partition directory the source has no column for fails, rather than lose that value.
   */
  private Object[] partitionValues(Path file) {
    List<String> columns = settings.partitionColumns();
    Map<String, String> partitions = new HashMap<>(PartitionPath.of(file));
    Object[] values = new Object[columns.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = partitions.remove(columns.get(i));
    }
    partitions.keySet().removeIf(name -> settings.fileType().indexOf(name) >= 0);
    if (!partitions.isEmpty() && settings.parsePartitions()) {
      throw new BadRecordException("LocalFile: " + file + " is in partition directories " + partitions.keySet()
          + " that the first file's path does not have (its partition columns are " + columns
          + "); read the directories separately or set parse_partition_from_path = false", null);
    }
    return values;
  }

  private boolean openNext() throws IOException {
    SourceSplit next = inbox.next();
    if (next == null) {
      return false;
    }
    split = next;
    String table = split.attributes().get(LocalFileEnumerator.TABLE);
    int index = table == null ? 0 : Integer.parseInt(table);
    settings = tables.get(index).settings();
    decoder = decoders.get(index);
    tableId = tables.get(index).id();
    file = Path.of(split.attribute(LocalFileEnumerator.PATH));
    in = new BufferedReader(new InputStreamReader(settings.compression().wrap(Files.newInputStream(file)),
        settings.charset()));
    held = resources.hold("file", file.toString(), in);
    line = 0;
    partitionValues = partitionValues(file);
    String resumeAt = split.attributes().get(LINE);
    long skip = resumeAt == null ? settings.skipHeaderRows() : Long.parseLong(resumeAt);
    for (long i = 0; i < skip && in.readLine() != null; i++) {
      line++;
    }
    return true;
  }

  /** The next record; a csv record continues over line breaks inside quotes. Null at the end. */
  private String nextRecord() throws IOException {
    String record = in.readLine();
    if (record == null) {
      return null;
    }
    line++;
    recordLine = line;
    if (settings.format() != FileFormat.CSV) {
      return record;
    }
    StringBuilder b = new StringBuilder(record);
    while (!CsvRecords.complete(b.toString())) {
      String more = in.readLine();
      if (more == null) {
        throw new BadRecordException("LocalFile: cannot read " + file + " line " + recordLine
            + ": a quoted cell is never closed", null);
      }
      line++;
      b.append('\n').append(more);
    }
    return b.toString();
  }

  private void closeFile() throws IOException {
    try {
      in.close();
    } finally {
      held.release();
      held = null;
      in = null;
      file = null;
      split = null;
    }
  }

  @Override
  public List<SourceSplit> snapshotState(long checkpointId) {
    List<SourceSplit> state = new ArrayList<>();
    if (split != null) {
      Map<String, String> attributes = new HashMap<>(split.attributes());
      attributes.put(LINE, Long.toString(line));
      state.add(new SourceSplit(split.splitId(), attributes));
    }
    state.addAll(inbox.waiting());
    return state;
  }

  @Override
  public void close() throws IOException {
    if (in != null) {
      closeFile();
    }
  }
}
