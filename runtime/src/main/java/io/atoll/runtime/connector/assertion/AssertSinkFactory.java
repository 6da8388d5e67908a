package io.atoll.runtime.connector.assertion;

import com.typesafe.config.Config;
import io.atoll.protocol.connector.OptionSpec;
import io.atoll.protocol.connector.OptionType;
import io.atoll.protocol.connector.Sink;
import io.atoll.protocol.connector.SinkFactory;
import io.atoll.protocol.data.CatalogTable;
import io.atoll.protocol.data.RowType;
import java.util.ArrayList;
import java.util.List;

/**
 * SeaTunnel's {@code Assert} sink: fails the job when rows break user rules — the way end-to-end
 * job tests state what a pipeline must produce. Supports {@code row_rules} (MIN_ROW, MAX_ROW) and
 * {@code field_rules} (field_type, NOT_NULL, NULL, MIN, MAX, MIN_LENGTH, MAX_LENGTH, equals_to),
 * {@code catalog_table_rule} (columns and table name), {@code table-names} and the per-table
 * {@code tables_configs}. One writer takes the rows of every table of a multi-table input, as
 * SeaTunnel's Assert is a multi-table sink.
 */
public final class AssertSinkFactory implements SinkFactory {
  static final OptionSpec RULES = OptionSpec.key("rules").type(OptionType.OBJECT).required()
      .description("rules { row_rules = [{rule_type = MIN_ROW, rule_value = 1}], field_rules = [{field_name = id, "
          + "field_type = int, field_value = [{rule_type = NOT_NULL}, {equals_to = 1}]}] }");

  @Override
  public String name() {
    return "Assert";
  }

  @Override
  public List<OptionSpec> options() {
    return List.of(RULES);
  }

  @Override
  public List<String> validate(Config config, RowType input) {
    return validate(config, List.of(CatalogTable.only(input)));
  }

  @Override
  public List<String> validate(Config config, List<CatalogTable> tables) {
    List<String> problems = new ArrayList<>();
    AssertPlanReader.read(config, tables, problems);
    return problems;
  }

  @Override
  public Sink createSink(Config config, RowType input) {
    return createSink(config, List.of(CatalogTable.only(input)));
  }

  @Override
  public Sink createSink(Config config, CatalogTable table) {
    return createSink(config, List.of(table));
  }

  @Override
  public boolean multiTable() {
    return true;
  }

  @Override
  public Sink createSink(Config config, List<CatalogTable> tables) {
    List<String> problems = new ArrayList<>();
    AssertPlan plan = AssertPlanReader.read(config, tables, problems);
    if (plan == null) {
      throw new IllegalArgumentException("Assert sink: " + String.join("; ", problems));
    }
    return context -> new AssertWriter(plan, context.subtaskIndex());
  }
}
