package io.atoll.runtime.connector.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.atoll.protocol.data.Row;
import io.atoll.runtime.connector.PluginHarness;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A partitioned read returns the table exactly: every row once, none missing, the rows whose
 * partition column is NULL included, each range read by whichever reader asked.
 */
class JdbcSourcePartitionTest {
  private JdbcTestDatabase db;

  @BeforeEach
  void createDatabase() {
    db = new JdbcTestDatabase("jdbc_partition");
  }

  @AfterEach
  void dropDatabase() {
    if (db != null) {
      db.close();
    }
  }

  @Test
  void threeRangesOfTenThousandRowsEqualTheTable() throws Exception {
    db.execute("CREATE TABLE big (id int8, k int4, name text)",
        "INSERT INTO big SELECT g, g % 997, 'n' || g FROM generate_series(1, 10000) g",
        "INSERT INTO big VALUES (10001, NULL, 'n10001')");

    PluginHarness.Result result = PluginHarness.source(new JdbcSourceFactory(), db.loginOptions() + """
        query = "select id, k, name from big"
        partition_column = "k"
        partition_num = 3
        fetch_size = 500
        """).parallelism(3).run();

    List<Long> ids = new ArrayList<>(result.rows().stream().map(r -> (Long) r.field(0)).toList());
    ids.sort(null);
    assertEquals(LongStream.rangeClosed(1, 10001).boxed().toList(), ids);
    List<String> splits = result.splitsBySubtask().stream().flatMap(List::stream).sorted().toList();
    assertEquals(List.of("nulls", "range-0", "range-1", "range-2"), splits);
    for (Row row : result.rows()) {
      assertEquals("n" + row.field(0), row.field(2));
    }
  }

  @Test
  void boundsRestrictTheReadAsInSeaTunnelAndDatesPartitionToo() throws Exception {
    db.execute("CREATE TABLE days (d date, v int4)",
        "INSERT INTO days SELECT DATE '2024-01-01' + g, g FROM generate_series(0, 99) g");

    PluginHarness.Result result = PluginHarness.source(new JdbcSourceFactory(), db.loginOptions() + """
        table_path = "public.days"
        partition_column = "d"
        partition_num = 4
        partition_lower_bound = "2024-01-11"
        partition_upper_bound = "2024-01-20"
        """).parallelism(2).run();

    List<Integer> values = new ArrayList<>(result.rows().stream().map(r -> (Integer) r.field(1)).toList());
    values.sort(null);
    assertEquals(List.of(10, 11, 12, 13, 14, 15, 16, 17, 18, 19), values);
    assertEquals(4, result.splitsBySubtask().stream().mapToInt(List::size).sum(), "4 ranges, no NULL split");
  }

  @Test
  void withoutPartitionNumSplitSizeSetsTheNumberOfRanges() throws Exception {
    db.execute("CREATE TABLE t (id int4)", "INSERT INTO t SELECT g FROM generate_series(1, 100) g");

    PluginHarness.Result result = PluginHarness.source(new JdbcSourceFactory(), db.loginOptions() + """
        table_path = "t"
        partition_column = "id"
        split.size = 30
        """).run();

    assertEquals(100, result.rows().size());
    assertEquals(List.of("range-0", "range-1", "range-2", "range-3", "nulls"), result.splitsBySubtask().get(0));
  }

  @Test
  void timestampAndDecimalColumnsPartitionToo() throws Exception {
    db.execute("CREATE TABLE events (at timestamp, price numeric(10, 2), id int4)",
        "INSERT INTO events SELECT TIMESTAMP '2024-03-01 00:00:00' + g * INTERVAL '1 minute 1.5 seconds',"
            + " g * 0.37, g FROM generate_series(1, 1000) g");
    for (String column : List.of("at", "price")) {
      PluginHarness.Result result = PluginHarness.source(new JdbcSourceFactory(), db.loginOptions() + """
          table_path = "events"
          partition_column = "%s"
          partition_num = 7
          """.formatted(column)).parallelism(2).run();
      List<Integer> ids = new ArrayList<>(result.rows().stream().map(r -> (Integer) r.field(2)).toList());
      ids.sort(null);
      assertEquals(IntStream.rangeClosed(1, 1000).boxed().toList(), ids, column);
      assertEquals(8, result.splitsBySubtask().stream().mapToInt(List::size).sum(), column + ": 7 ranges and NULLs");
    }
  }
}
