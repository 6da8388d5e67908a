package io.atoll.runtime.connector.jdbc;

import com.typesafe.config.Config;
import io.atoll.protocol.connector.OptionSpec;
import io.atoll.protocol.connector.OptionType;
import io.atoll.protocol.connector.PluginConfigs;
import io.atoll.protocol.connector.Source;
import io.atoll.protocol.connector.SourceFactory;
import io.atoll.protocol.data.RowType;
import java.util.ArrayList;
import java.util.List;

/**
 * SeaTunnel's {@code Jdbc} source: the rows of a query (or of a table, {@code table_path}), split
 * by ranges of {@code partition_column} and read in parallel through server-side cursors. The
 * schema comes from the query's result set metadata at validation, so a wrong login, a missing
 * table or column, or a column type Atoll cannot read is reported before the job runs, naming the
 * option; the password is never shown.
 */
public final class JdbcSourceFactory implements SourceFactory {
  static final OptionSpec URL = OptionSpec.key("url").required()
      .description("The JDBC URL, e.g. jdbc:postgresql://localhost:5432/test");
  static final OptionSpec DRIVER = OptionSpec.key("driver").required()
      .description("The driver class, e.g. org.postgresql.Driver (shipped); others from the node's plugins/ directory");
  static final OptionSpec USER = OptionSpec.key("user").description("The login's user name");
  static final OptionSpec PASSWORD = OptionSpec.key("password").description("The login's password (never printed)");
  static final OptionSpec QUERY = OptionSpec.key("query").description("The SELECT to read; or table_path");
  static final OptionSpec TABLE_PATH = OptionSpec.key("table_path")
      .description("The table to read, e.g. testdb.public.orders (PostgreSQL: database.schema.table); or query");
  static final OptionSpec WHERE_CONDITION = OptionSpec.key("where_condition")
      .description("A row filter starting with 'where', applied to the query or table");
  static final OptionSpec PARTITION_COLUMN = OptionSpec.key("partition_column")
      .description("An integer, decimal, date or timestamp column whose ranges split the read");
  static final OptionSpec PARTITION_NUM = OptionSpec.key("partition_num").type(OptionType.INT)
      .description("How many ranges; default: as many as hold about split.size rows each");
  static final OptionSpec PARTITION_LOWER_BOUND = OptionSpec.key("partition_lower_bound").type(OptionType.ANY)
      .description("The lowest partition_column value read; default its minimum (rows below are not read)");
  static final OptionSpec PARTITION_UPPER_BOUND = OptionSpec.key("partition_upper_bound").type(OptionType.ANY)
      .description("The highest partition_column value read; default its maximum (rows above are not read)");
  static final OptionSpec SPLIT_SIZE = OptionSpec.key("split.size").type(OptionType.INT).defaultValue(8096)
      .description("Rows per split when partition_num is not given");
  static final OptionSpec FETCH_SIZE = OptionSpec.key("fetch_size").type(OptionType.INT).defaultValue(0)
      .description("Rows fetched per round trip; 0: " + JdbcSourceSettingsReader.DEFAULT_FETCH_SIZE);
  static final OptionSpec CHECK_TIMEOUT = OptionSpec.key("connection_check_timeout_sec").type(OptionType.INT)
      .defaultValue(30).description("Seconds to wait when connecting and checking the connection");
  static final OptionSpec PROPERTIES = OptionSpec.key("properties").type(OptionType.OBJECT)
      .description("Connection properties passed to the driver");
  /** SeaTunnel's sampling options for uneven keys: accepted, without effect (a warning). */
  static final List<OptionSpec> SAMPLING = List.of(
      OptionSpec.key("split.even-distribution.factor.lower-bound").type(OptionType.DOUBLE)
          .description("Accepted for SeaTunnel files; no effect"),
      OptionSpec.key("split.even-distribution.factor.upper-bound").type(OptionType.DOUBLE)
          .description("Accepted for SeaTunnel files; no effect"),
      OptionSpec.key("split.sample-sharding.threshold").type(OptionType.INT)
          .description("Accepted for SeaTunnel files; no effect"),
      OptionSpec.key("split.inverse-sampling.rate").type(OptionType.INT)
          .description("Accepted for SeaTunnel files; no effect"));

  @Override
  public String name() {
    return "Jdbc";
  }

  @Override
  public List<OptionSpec> options() {
    List<OptionSpec> options = new ArrayList<>(List.of(URL, DRIVER, USER, PASSWORD, QUERY, TABLE_PATH,
        WHERE_CONDITION, PARTITION_COLUMN, PARTITION_NUM, PARTITION_LOWER_BOUND, PARTITION_UPPER_BOUND,
        SPLIT_SIZE, FETCH_SIZE, CHECK_TIMEOUT, PROPERTIES));
    options.addAll(SAMPLING);
    return options;
  }

  @Override
  public List<String> validate(Config config, RowType input) {
    List<String> problems = new ArrayList<>();
    JdbcSourceSettingsReader.read(config, problems);
    for (OptionSpec sampling : SAMPLING) {
      if (PluginConfigs.presentPath(config, sampling).isPresent()) {
        problems.add(WARNING + "option '" + sampling.name() + "' has no effect: Atoll cuts even ranges");
      }
    }
    return problems;
  }

  @Override
  public Source createSource(Config config) {
    List<String> problems = new ArrayList<>();
    JdbcSourceSettings settings = JdbcSourceSettingsReader.read(config, problems);
    if (settings == null) {
      throw new IllegalArgumentException("Jdbc source: " + String.join("; ", problems));
    }
    return new JdbcSource(settings);
  }
}
