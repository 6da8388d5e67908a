package io.atoll.runtime.connector.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atoll.protocol.connector.SourceSplit;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How [min, max] is cut into ranges, without a database. */
class JdbcSplitsTest {
  @Test
  void rangesCoverTheBoundsWithoutGapOrOverlap() {
    List<SourceSplit> ranges = JdbcSplits.ranges(BigDecimal.ONE, BigDecimal.TEN, 6, true);
    assertEquals(5, ranges.size(), "width 10 in steps of 2");
    assertEquals(Map.of("lower", "1", "upper", "3"), ranges.get(0).attributes());
    assertEquals(Map.of("lower", "9", "upper", "10", "last", "true"), ranges.get(4).attributes());
    List<SourceSplit> decimals = JdbcSplits.ranges(new BigDecimal("0.5"), new BigDecimal("1.5"), 4, false);
    assertEquals(List.of("0.50", "0.75", "1.00", "1.25"), decimals.stream().map(s -> s.attribute("lower")).toList());
    assertTrue(decimals.get(3).attributes().containsKey("last"));
    assertEquals(1, JdbcSplits.ranges(BigDecimal.ONE, BigDecimal.ONE, 3, true).size());
  }
}
