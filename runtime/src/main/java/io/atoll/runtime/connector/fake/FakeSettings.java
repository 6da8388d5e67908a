package io.atoll.runtime.connector.fake;

import io.atoll.protocol.data.DataType;
import io.atoll.protocol.data.Row;
import io.atoll.protocol.data.RowType;
import java.util.List;
import java.util.Map;

/**
 * FakeSource's options, read and checked once by {@link FakeSettingsReader}. A template list that
 * is null means "random within the range"; {@code fixedRows} null means random rows.
 */
record FakeSettings(
    RowType rowType,
    int rowNum,
    int splitNum,
    long readIntervalMillis,
    int mapSize,
    int arraySize,
    int bytesLength,
    int stringLength,
    List<String> stringTemplate,
    Map<DataType.Basic, Integral> integrals,
    Map<DataType.Basic, Floating> floatings,
    DateTemplates dates,
    List<Row> fixedRows) {

  /** tinyint, smallint, int, bigint: inclusive bounds, or a template. */
  record Integral(long min, long max, List<Long> template) {}

  /** float, double: min inclusive, max exclusive (as SeaTunnel), or a template. */
  record Floating(double min, double max, List<Double> template) {}

  /** date.* and time.* templates; a null list means random (the split's year for the year). */
  record DateTemplates(
      List<Long> years, List<Long> months, List<Long> days, List<Long> hours, List<Long> minutes,
      List<Long> seconds) {}
}
