package io.atoll.runtime.connector.fake;

import io.atoll.protocol.connector.SourceSplit;
import java.util.Map;

/**
 * A FakeSource split: rows {@code start} to {@code count - 1} of split {@code index}. Row contents
 * depend only on (index, row offset) and the {@code year} fixed when the split was made, so a split
 * rebuilt from its attributes at any offset yields exactly the rows that were still to come.
 *
 * @param year the year of random dates, when {@code date.year.template} is not set
 * @param table the position of its table in {@code tables_configs}; 0 for a single-table source
 */
record FakeSplit(int index, long start, long count, int year, int table) {
  static final String INDEX = "index";
  static final String START = "start";
  static final String COUNT = "count";
  static final String YEAR = "year";
  static final String TABLE = "table";

  FakeSplit(int index, long start, long count, int year) {
    this(index, start, count, year, 0);
  }

  SourceSplit toSourceSplit() {
    Map<String, String> attributes = Map.of(
        INDEX, Integer.toString(index), START, Long.toString(start), COUNT, Long.toString(count),
        YEAR, Integer.toString(year), TABLE, Integer.toString(table));
    return new SourceSplit(table == 0 ? "fake-" + index : "fake-" + table + "-" + index, attributes);
  }

  static FakeSplit of(SourceSplit split) {
    try {
      return new FakeSplit(Integer.parseInt(split.attribute(INDEX)), Long.parseLong(split.attribute(START)),
          Long.parseLong(split.attribute(COUNT)), Integer.parseInt(split.attribute(YEAR)),
          split.attributes().containsKey(TABLE) ? Integer.parseInt(split.attribute(TABLE)) : 0);
    } catch (NumberFormatException e) {
      throw new IllegalStateException("split " + split.splitId() + " is not a FakeSource split: "
          + split.attributes(), e);
    }
  }

  /** The rest of this split from row {@code offset} on (an offset within the split, not from start). */
  FakeSplit resumeAt(long offset) {
    return new FakeSplit(index, offset, count, year, table);
  }
}
