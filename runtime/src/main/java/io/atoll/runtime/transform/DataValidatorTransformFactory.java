package io.atoll.runtime.transform;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.atoll.protocol.connector.Collector;
import io.atoll.protocol.connector.OptionSpec;
import io.atoll.protocol.connector.OptionType;
import io.atoll.protocol.connector.PluginConfigs;
import io.atoll.protocol.connector.Transform;
import io.atoll.protocol.connector.TransformFactory;
import io.atoll.protocol.data.Row;
import io.atoll.protocol.data.RowType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SeaTunnel's {@code DataValidator} transform: checks fields by {@code field_rules}, each either
 * flat ({@code {field_name, rule_type, ...}}) or nested ({@code {field_name, rules = [...]}}). A row
 * that breaks a rule fails the task ({@code error_handle_way = FAIL}, the default) naming field,
 * rule and value, or is dropped ({@code SKIP}) and counted in the log. {@code ROUTE_TO_TABLE} is
 * refused: rows do not carry a table to route to yet.
 */
public final class DataValidatorTransformFactory implements TransformFactory {
  private static final Logger log = LoggerFactory.getLogger(DataValidatorTransformFactory.class);

  static final OptionSpec ERROR_WAY = OptionSpec.key("error_handle_way").fallbackNames("row_error_handle_way")
      .defaultValue("FAIL").description("FAIL the task or SKIP the row when a rule is broken");
  static final OptionSpec ERROR_TABLE = OptionSpec.key("error_table")
      .description("For ROUTE_TO_TABLE, which is not supported yet");
  static final OptionSpec FIELD_RULES = OptionSpec.key("field_rules").type(OptionType.OBJECT_LIST).required()
      .description("[{ field_name, rule_type, ... }] or [{ field_name, rules = [{ rule_type, ... }] }]");

  /** The rules of one field. */
  record FieldRule(String field, int index, ValidationRule rule) {}

  @Override
  public String name() {
    return "DataValidator";
  }

  @Override
  public List<OptionSpec> options() {
    return List.of(ERROR_WAY, ERROR_TABLE, FIELD_RULES);
  }

  @Override
  public List<String> validate(Config config, RowType input) {
    List<String> problems = new ArrayList<>();
    rules(config, input, problems);
    skip(config, problems);
    return problems;
  }

  private static boolean skip(Config config, List<String> problems) {
    String way = PluginConfigs.string(config, ERROR_WAY).trim().toUpperCase(Locale.ROOT);
    if (way.equals("ROUTE_TO_TABLE")) {
      problems.add("option 'error_handle_way': ROUTE_TO_TABLE is not supported yet; use FAIL or SKIP");
    } else if (!way.equals("FAIL") && !way.equals("SKIP")) {
      problems.add("option 'error_handle_way' must be FAIL or SKIP, got '" + PluginConfigs.string(config, ERROR_WAY)
          + "'");
    }
    return way.equals("SKIP");
  }

  private static List<FieldRule> rules(Config config, RowType input, List<String> problems) {
    List<FieldRule> rules = new ArrayList<>();
    if (!config.hasPath(FIELD_RULES.name()) || config.getValue(FIELD_RULES.name()).valueType() != ConfigValueType.LIST) {
      problems.add("option 'field_rules' is required: a list like [{ field_name = age, rule_type = NOT_NULL }]");
      return rules;
    }
    List<? extends ConfigValue> entries = config.getList(FIELD_RULES.name());
    for (int i = 0; i < entries.size(); i++) {
      String where = "option 'field_rules' entry " + (i + 1) + ": ";
      if (entries.get(i).valueType() != ConfigValueType.OBJECT) {
        problems.add(where + "must be an object");
        continue;
      }
      Config entry = ((ConfigObject) entries.get(i)).toConfig();
      if (!entry.hasPath("field_name")) {
        problems.add(where + "'field_name' is required");
        continue;
      }
      String field = entry.getString("field_name");
      if (!InputFields.require(FIELD_RULES.name(), field, input, problems)) {
        continue;
      }
      int index = input.indexOf(field);
      List<Config> ruleConfigs = entry.hasPath("rules") ? nested(entry, where, problems) : List.of(entry);
      for (Config rule : ruleConfigs) {
        ValidationRule parsed = ValidationRule.read(rule, input.typeAt(index), where, problems);
        if (parsed != null) {
          rules.add(new FieldRule(field, index, parsed));
        }
      }
    }
    if (entries.isEmpty()) {
      problems.add("option 'field_rules' lists no rule");
    }
    return rules;
  }

  private static List<Config> nested(Config entry, String where, List<String> problems) {
    List<Config> out = new ArrayList<>();
    if (entry.getValue("rules").valueType() != ConfigValueType.LIST) {
      problems.add(where + "'rules' must be a list of rules");
      return out;
    }
    for (ConfigValue v : entry.getList("rules")) {
      if (v.valueType() == ConfigValueType.OBJECT) {
        out.add(((ConfigObject) v).toConfig());
      } else {
        problems.add(where + "every entry of 'rules' must be an object");
      }
    }
    return out;
  }

  @Override
  public Transform createTransform(Config config, RowType input) {
    List<String> problems = new ArrayList<>();
    List<FieldRule> rules = rules(config, input, problems);
    boolean skip = skip(config, problems);
    if (!problems.isEmpty()) {
      throw InputFields.invalid("DataValidator", problems);
    }
    return new Validator(List.copyOf(rules), skip, input);
  }

  private static final class Validator implements Transform {
    private final List<FieldRule> rules;
    private final boolean skip;
    private final RowType type;
    private long skipped;

    Validator(List<FieldRule> rules, boolean skip, RowType type) {
      this.rules = rules;
      this.skip = skip;
      this.type = type;
    }

    @Override
    public RowType producedType() {
      return type;
    }

    @Override
    public void process(Row row, Collector out) {
      for (FieldRule rule : rules) {
        String failure = rule.rule().failure(row.field(rule.index()));
        if (failure != null) {
          String reason = "DataValidator: field '" + rule.field() + "' breaks its "
              + rule.rule().getClass().getSimpleName().toUpperCase(Locale.ROOT).replace("NOTNULL", "NOT_NULL")
              + " rule: " + failure + " in row " + row;
          if (!skip) {
            throw new IllegalStateException(reason + "; set error_handle_way = SKIP to drop such rows");
          }
          if (skipped++ == 0) {
            log.warn("dropping rows that break a rule; first: {}", reason);
          }
          return;
        }
      }
      out.collect(row);
    }

    @Override
    public void close() {
      if (skipped > 0) {
        log.warn("DataValidator dropped {} rows that broke a rule", skipped);
      }
    }
  }
}
