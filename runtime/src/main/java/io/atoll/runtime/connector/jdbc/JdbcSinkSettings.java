package io.atoll.runtime.connector.jdbc;

import io.atoll.runtime.connector.jdbc.JdbcSourceSettings.JdbcLogin;
import java.util.List;

/**
 * A validated Jdbc sink block.
 *
 * @param login how to connect (the source's record: url, driver, user, password, properties)
 * @param query the explicit INSERT with one {@code ?} per input field, or null when generated
 * @param table the table's path as written in {@code table} (e.g. {@code public.orders}), or null
 *     with {@code query}
 * @param database the {@code database} option, or null
 * @param primaryKeys the fields that identify a row (for upserts, updates and deletes), maybe empty
 * @param upsertByQuery look a key up before writing it ({@code support_upsert_by_query_primary_key_exist})
 * @param upsert write +I and +U rows as upserts when there are primary keys ({@code enable_upsert})
 * @param batchSize rows buffered before a flush (at-least-once mode)
 * @param maxRetries times a failed flush is retried on a new connection (at-least-once mode)
 * @param exactlyOnce XA two-phase commit tied to checkpoints
 * @param xaDataSource the XADataSource class used when {@code exactlyOnce}
 * @param maxCommitAttempts tries of an XA commit before the writer fails
 * @param transactionTimeoutSec the XA transaction timeout, or -1 for the database's default
 * @param schemaSaveMode what to do when the table is missing (or exists)
 * @param dataSaveMode what to do with rows already in the table
 * @param customSql the statement run with {@code data_save_mode = CUSTOM_PROCESSING}, or null
 */
record JdbcSinkSettings(
    JdbcLogin login,
    String query,
    String table,
    String database,
    List<String> primaryKeys,
    boolean upsertByQuery,
    boolean upsert,
    int batchSize,
    int maxRetries,
    boolean exactlyOnce,
    String xaDataSource,
    int maxCommitAttempts,
    int transactionTimeoutSec,
    SchemaSaveMode schemaSaveMode,
    DataSaveMode dataSaveMode,
    String customSql) {

  JdbcSinkSettings {
    primaryKeys = List.copyOf(primaryKeys);
  }

  boolean generated() {
    return query == null;
  }

  /** SeaTunnel's {@code schema_save_mode}. */
  enum SchemaSaveMode { RECREATE_SCHEMA, CREATE_SCHEMA_WHEN_NOT_EXIST, ERROR_WHEN_SCHEMA_NOT_EXIST }

  /** SeaTunnel's {@code data_save_mode}. */
  enum DataSaveMode { DROP_DATA, APPEND_DATA, CUSTOM_PROCESSING, ERROR_WHEN_DATA_EXISTS }
}
