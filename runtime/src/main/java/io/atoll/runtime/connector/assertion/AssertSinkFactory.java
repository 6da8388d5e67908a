package io.atoll.runtime.connector.assertion;

import com.typesafe.config.Config;
import io.atoll.protocol.connector.OptionSpec;
import io.atoll.protocol.connector.OptionType;
import io.atoll.protocol.connector.Sink;
import io.atoll.protocol.connector.SinkFactory;
import io.atoll.protocol.data.RowType;
import java.util.ArrayList;
import java.util.List;

/**
 * SeaTunnel's {@code Assert} sink: fails the job when rows break user rules — the way end-to-end
 * job tests state what a pipeline must produce. Supports {@code row_rules} (MIN_ROW, MAX_ROW) and
 * {@code field_rules} (field_type, NOT_NULL, NULL, MIN, MAX, MIN_LENGTH, MAX_LENGTH, equals_to);
 * SeaTunnel's catalog_table_rule and table-names are reported as unsupported.
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
    List<String> problems = new ArrayList<>();
    AssertRulesReader.read(config, input, problems);
    return problems;
  }

  @Override
  public Sink createSink(Config config, RowType input) {
    List<String> problems = new ArrayList<>();
    AssertRules rules = AssertRulesReader.read(config, input, problems);
    if (rules == null) {
      throw new IllegalArgumentException("Assert sink: " + String.join("; ", problems));
    }
    return context -> new AssertWriter(rules, context.subtaskIndex());
  }
}
