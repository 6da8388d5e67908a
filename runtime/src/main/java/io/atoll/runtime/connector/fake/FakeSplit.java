package io.atoll.runtime.connector.fake;

import io.atoll.protocol.connector.SourceSplit;
import java.util.Map;

/**
 * A FakeSource split: rows {@code start} to {@code count - 1} of split {@code index}. Row contents
 * depend only on (index, row offset) and the {@code year} fixed when the split was made, so a split
 * rebuilt from its attributes at any offset yields exactly the rows that were still to come.
 *
 * @param year the year of random dates, when {@code date.year.template} is not set
 */
record FakeSplit(int index, long start, long count, int year) {
  static final String INDEX = "index";
  static final String START = "start";
  static final String COUNT = "count";
  static final String YEAR = "year";

  SourceSplit toSourceSplit() {
    return new SourceSplit("fake-" + index, Map.of(
        INDEX, Integer.toString(index), START, Long.toString(start), COUNT, Long.toString(count),
        YEAR, Integer.toString(year)));
  }

  static FakeSplit of(SourceSplit split) {
    try {
      return new FakeSplit(Integer.parseInt(split.attribute(INDEX)), Long.parseLong(split.attribute(START)),
          Long.parseLong(split.attribute(COUNT)), Integer.parseInt(split.attribute(YEAR)));
    } catch (NumberFormatException e) {
      throw new IllegalStateException("split " + split.splitId() + " is not a FakeSource split: "
          + split.attributes(), e);
    }
  }

  /** The rest of this split from row {@code offset} on (an offset within the split, not from start). */
  FakeSplit resumeAt(long offset) {
    return new FakeSplit(index, offset, count, year);
  }
}
