package io.atoll.benchmarks;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.atoll.protocol.connector.Transform;
import io.atoll.protocol.data.DataType.Basic;
import io.atoll.protocol.data.Row;
import io.atoll.protocol.data.RowType;
import io.atoll.runtime.transform.FieldMapperTransformFactory;
import io.atoll.runtime.transform.sql.SqlTransformFactory;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Rows per second through the Sql transform (a 5-expression projection plus a filter, compiled
 * once) against a plain FieldMapper projection of the same row, to show what evaluation costs.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgs = {"-Xmx1g"})
@State(Scope.Benchmark)
public class SqlTransformBenchmark {
  static final int ROWS = 1024;
  static final RowType INPUT = RowType.of(
      new RowType.Field("id", Basic.BIGINT),
      new RowType.Field("name", Basic.STRING),
      new RowType.Field("age", Basic.INT),
      new RowType.Field("score", Basic.DOUBLE));
  static final String QUERY = "select id, UPPER(name) as name, age + 1 as next_age, score * 2 as double_score,"
      + " CASE WHEN age >= 40 THEN 'senior' ELSE 'adult' END as band from t where age >= 18";

  private final Row[] rows = new Row[ROWS];
  private Transform sql;
  private Transform fieldMapper;

  @Setup(Level.Trial)
  public void setUp() {
    for (int i = 0; i < ROWS; i++) {
      rows[i] = Row.of((long) i, "name-" + i, i % 80, i * 0.5);
    }
    Config sqlConfig = ConfigFactory.parseString("query = \"" + QUERY + "\"");
    sql = new SqlTransformFactory().createTransform(sqlConfig, INPUT);
    fieldMapper = new FieldMapperTransformFactory().createTransform(ConfigFactory.parseString(
        "field_mapper { id = id, name = name, age = next_age, score = double_score }"), INPUT);
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public void sqlProjectionAndFilter(Blackhole hole) throws Exception {
    for (Row row : rows) {
      sql.process(row, hole::consume);
    }
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public void fieldMapperProjection(Blackhole hole) throws Exception {
    for (Row row : rows) {
      fieldMapper.process(row, hole::consume);
    }
  }
}
