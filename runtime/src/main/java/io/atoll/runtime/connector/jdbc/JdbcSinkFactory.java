package io.atoll.runtime.connector.jdbc;

import com.typesafe.config.Config;
import io.atoll.protocol.connector.OptionSpec;
import io.atoll.protocol.connector.OptionType;
import io.atoll.protocol.connector.Sink;
import io.atoll.protocol.connector.SinkEnd;
import io.atoll.protocol.connector.SinkFactory;
import io.atoll.protocol.data.CatalogTable;
import io.atoll.protocol.data.RowType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SeaTunnel's {@code Jdbc} sink: rows into a table, by an explicit INSERT ({@code query}) or by
 * statements generated from the input schema ({@code generate_sink_sql}: insert or upsert, update
 * and delete by primary key, following each row's kind). At-least-once by default (batches flushed
 * at {@code batch_size} and at every checkpoint; idempotent when upserting); with
 * {@code is_exactly_once} an XA transaction per checkpoint interval, prepared at the checkpoint and
 * committed when it completes (see {@link JdbcSinkWriter}). Validation logs in and checks the table
 * and its columns, naming the option; the password is never shown.
 */
public final class JdbcSinkFactory implements SinkFactory {
  private static final Logger log = LoggerFactory.getLogger(JdbcSinkFactory.class);

  static final OptionSpec QUERY = OptionSpec.key("query")
      .description("The INSERT to run per row, with one ? per input field in field order; or generate_sink_sql");
  static final OptionSpec DATABASE = OptionSpec.key("database")
      .description("With generate_sink_sql: the database (PostgreSQL: the URL's)");
  static final OptionSpec TABLE = OptionSpec.key("table")
      .description("With generate_sink_sql: the table, e.g. orders or public.orders");
  static final OptionSpec GENERATE_SINK_SQL = OptionSpec.key("generate_sink_sql").type(OptionType.BOOLEAN)
      .defaultValue(false).description("Generate INSERT / UPSERT / UPDATE / DELETE for database.table from the input schema");
  static final OptionSpec PRIMARY_KEYS = OptionSpec.key("primary_keys").type(OptionType.STRING_LIST)
      .description("The fields that identify a row: upserts, +U updates and -D deletes use them");
  static final OptionSpec UPSERT_BY_QUERY = OptionSpec.key("support_upsert_by_query_primary_key_exist")
      .type(OptionType.BOOLEAN).defaultValue(false)
      .description("Upsert by looking the key up, then UPDATE or INSERT (for databases without an upsert)");
  static final OptionSpec ENABLE_UPSERT = OptionSpec.key("enable_upsert").type(OptionType.BOOLEAN).defaultValue(true)
      .description("With primary_keys: write +I and +U rows as upserts (idempotent after a restore)");
  static final OptionSpec BATCH_SIZE = OptionSpec.key("batch_size").type(OptionType.INT).defaultValue(1000)
      .description("Rows buffered before they are written (and at every checkpoint)");
  static final OptionSpec MAX_RETRIES = OptionSpec.key("max_retries").type(OptionType.INT).defaultValue(0)
      .description("Times a failed batch is retried on a new connection (0 with is_exactly_once)");
  static final OptionSpec EXACTLY_ONCE = OptionSpec.key("is_exactly_once").type(OptionType.BOOLEAN)
      .defaultValue(false).description("One XA transaction per checkpoint interval, committed when the checkpoint completes");
  static final OptionSpec XA_DATA_SOURCE = OptionSpec.key("xa_data_source_class_name")
      .description("The XADataSource class; default for PostgreSQL: org.postgresql.xa.PGXADataSource");
  static final OptionSpec MAX_COMMIT_ATTEMPTS = OptionSpec.key("max_commit_attempts").type(OptionType.INT)
      .defaultValue(3).description("Tries of an XA commit before the writer fails");
  static final OptionSpec TRANSACTION_TIMEOUT = OptionSpec.key("transaction_timeout_sec").type(OptionType.INT)
      .defaultValue(-1).description("The XA transaction timeout; -1: the database's");
  static final OptionSpec SCHEMA_SAVE_MODE = OptionSpec.key("schema_save_mode")
      .defaultValue("CREATE_SCHEMA_WHEN_NOT_EXIST")
      .allowedValues("RECREATE_SCHEMA", "CREATE_SCHEMA_WHEN_NOT_EXIST", "ERROR_WHEN_SCHEMA_NOT_EXIST")
      .description("With generate_sink_sql, before the first row: create the table from the input schema when missing, ...");
  static final OptionSpec DATA_SAVE_MODE = OptionSpec.key("data_save_mode").defaultValue("APPEND_DATA")
      .allowedValues("DROP_DATA", "APPEND_DATA", "CUSTOM_PROCESSING", "ERROR_WHEN_DATA_EXISTS")
      .description("With generate_sink_sql, before the first row: keep the table's rows, delete them, ...");
  static final OptionSpec CUSTOM_SQL = OptionSpec.key("custom_sql")
      .description("With data_save_mode = CUSTOM_PROCESSING: the statement run before the first row");

  @Override
  public String name() {
    return "Jdbc";
  }

  @Override
  public List<OptionSpec> options() {
    return List.of(JdbcSourceFactory.URL, JdbcSourceFactory.DRIVER, JdbcSourceFactory.USER, JdbcSourceFactory.PASSWORD,
        QUERY, DATABASE, TABLE, GENERATE_SINK_SQL, PRIMARY_KEYS, UPSERT_BY_QUERY, ENABLE_UPSERT, BATCH_SIZE,
        MAX_RETRIES, EXACTLY_ONCE, XA_DATA_SOURCE, MAX_COMMIT_ATTEMPTS, TRANSACTION_TIMEOUT, SCHEMA_SAVE_MODE,
        DATA_SAVE_MODE, CUSTOM_SQL, JdbcSourceFactory.CHECK_TIMEOUT, JdbcSourceFactory.PROPERTIES);
  }

  @Override
  public List<String> validate(Config config, RowType input) {
    List<String> problems = new ArrayList<>();
    JdbcSinkSettings settings = JdbcSinkSettingsReader.read(config, problems);
    if (settings != null && input != null) {
      JdbcSinkSettingsReader.check(settings, input, problems);
    }
    return problems;
  }

  @Override
  public Sink createSink(Config config, RowType input) {
    return createSink(config, CatalogTable.only(input));
  }

  @Override
  public Sink createSink(Config config, CatalogTable table) {
    List<String> problems = new ArrayList<>();
    JdbcSinkSettings settings = JdbcSinkSettingsReader.read(config, problems);
    if (settings == null) {
      throw new IllegalArgumentException("Jdbc sink: " + String.join("; ", problems));
    }
    List<String> keys = !settings.primaryKeys().isEmpty() || table.primaryKey() == null ? settings.primaryKeys()
        : table.primaryKey().columns();
    return context -> new JdbcSinkWriter(settings, table.type(), keys, context);
  }

  /**
   * With {@code is_exactly_once}: the branches the failed or cancelled pipeline's writers left
   * prepared are committed when its last completed checkpoint lists them and rolled back otherwise,
   * so none stays in {@code pg_prepared_xacts} holding its locks.
   */
  @Override
  public void settleAfterEnd(Config config, SinkEnd end) throws Exception {
    List<String> problems = new ArrayList<>();
    JdbcSinkSettings settings = JdbcSinkSettingsReader.read(config, problems);
    if (settings == null || !settings.exactlyOnce()) {
      return;
    }
    Set<JdbcSinkXid> committed = new HashSet<>();
    for (String entry : end.committedStates()) {
      if (entry.startsWith("atoll:")) {
        committed.add(JdbcSinkXid.parse(entry));
      }
    }
    try (JdbcSinkXa xa = new JdbcSinkXa(settings.xaDataSource(), settings.login(), settings.maxCommitAttempts(), 0)) {
      int[] counts = xa.settle(end.jobId(), end.pipelineId(), committed);
      if (counts[0] + counts[1] > 0) {
        log.info("Jdbc sink: job {} pipeline {} ended {}: committed {} and rolled back {} prepared XA branch(es)",
            end.jobId(), end.pipelineId(), end.status(), counts[0], counts[1]);
      }
    }
  }
}
