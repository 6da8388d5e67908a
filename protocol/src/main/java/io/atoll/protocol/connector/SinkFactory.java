package io.atoll.protocol.connector;

import com.typesafe.config.Config;
import io.atoll.protocol.data.CatalogTable;
import io.atoll.protocol.data.RowType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Creates a {@link Sink} for rows of the given input schema.
 *
 * <p>On a link of several tables (a multi-table source) the runtime does what SeaTunnel does: a
 * sink that {@link #multiTable() takes several tables} gets one writer for all rows, which carry
 * their table ({@link io.atoll.protocol.data.Row#table()}); any other sink gets one instance per
 * table ({@link #createSink(Config, CatalogTable)}, SeaTunnel's "sink template"), each fed the rows
 * of its table.
 */
public non-sealed interface SinkFactory extends PluginFactory {
  @Override
  default PluginKind kind() {
    return PluginKind.SINK;
  }

  Sink createSink(Config config, RowType input);

  /** The sink for one table of a link; sinks that use the table's id (e.g. in a path) override it. */
  default Sink createSink(Config config, CatalogTable table) {
    return createSink(config, table.type());
  }

  /** True when one writer takes the rows of all tables of its link ({@link #createSink(Config, List)}). */
  default boolean multiTable() {
    return false;
  }

  /** The sink for all tables of a link; only called when {@link #multiTable()}. */
  default Sink createSink(Config config, List<CatalogTable> tables) {
    throw new UnsupportedOperationException(name() + " takes one table per sink instance");
  }

  /**
   * Checks the sink against every table it will receive. The default checks each table's schema
   * with {@link #validate(Config, RowType)}, each distinct message once.
   */
  default List<String> validate(Config config, List<CatalogTable> tables) {
    Set<String> problems = new LinkedHashSet<>();
    for (RowType type : tables.stream().map(CatalogTable::type).distinct().toList()) {
      List<String> found = validate(config, type);
      if (found != null) {
        problems.addAll(found);
      }
    }
    return new ArrayList<>(problems);
  }

  /**
   * The sink's pipeline ended without finishing and will not run again ({@link SinkEnd}): commit
   * what {@link SinkEnd#committedStates()} lists of this sink's output and discard whatever else
   * its writers prepared (e.g. prepared XA transactions, which would otherwise hold their locks
   * forever). Runs once on a master after the job's end, off the actor threads; must be idempotent
   * (writers may have done part of it). Default: nothing (writers whose {@code abort} and
   * {@code cancel} leave nothing behind need no more).
   */
  default void settleAfterEnd(Config config, SinkEnd end) throws Exception {}
}
