package io.atoll.runtime.connector.assertion;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.atoll.protocol.connector.PluginFactory;
import io.atoll.protocol.data.DataType;
import io.atoll.protocol.data.DataTypes;
import io.atoll.protocol.data.RowType;
import io.atoll.runtime.connector.file.FieldValues;
import io.atoll.runtime.connector.file.SchemaConfig;
import io.atoll.runtime.connector.file.ValueFormats;
import io.atoll.runtime.job.config.Suggestions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Reads SeaTunnel's Assert {@code rules} block against the sink's input schema, reporting every
 * problem with its place ({@code rules.field_rules[0].field_value[1]}): unknown rule types or keys,
 * fields not in the input, a {@code field_type} the input contradicts, a non-numeric
 * {@code rule_value}, an {@code equals_to} the field's type cannot hold.
 */
final class AssertRulesReader {
  private static final Set<String> RULES_KEYS =
      Set.of("row_rules", "field_rules", AssertPlanReader.CATALOG_TABLE_RULE, AssertPlanReader.TABLE_NAMES,
          AssertPlanReader.TABLES_CONFIGS);
  private static final Set<String> TABLE_RULES_KEYS = Set.of("table_path", "row_rules", "field_rules");
  private static final Set<String> ROW_RULE_KEYS = Set.of("rule_type", "rule_value");
  private static final Set<String> FIELD_RULE_KEYS = Set.of("field_name", "field_type", "field_value");
  private static final Set<String> VALUE_RULE_KEYS = Set.of("rule_type", "rule_value", "equals_to");

  private final RowType input;
  private final List<String> problems;

  private AssertRulesReader(RowType input, List<String> problems) {
    this.input = input;
    this.problems = problems;
  }

  /** The rules, or null when {@code problems} received something. */
  static AssertRules read(Config config, RowType input, List<String> problems) {
    int before = problems.size();
    AssertRules rules;
    try {
      rules = new AssertRulesReader(input, problems).read(config);
    } catch (ConfigException e) {
      problems.add("option 'rules': " + e.getMessage());
      return null;
    }
    return PluginFactory.problemsSince(problems, before) ? null : rules;
  }

  /**
   * The {@code row_rules} and {@code field_rules} of one {@code rules.tables_configs} element, read
   * against its table's schema; null when {@code problems} received something.
   */
  static AssertRules readTable(Config element, String where, RowType input, List<String> problems) {
    int before = problems.size();
    AssertRules rules;
    try {
      AssertRulesReader reader = new AssertRulesReader(input, problems);
      reader.unknownKeys(element.root(), TABLE_RULES_KEYS, where);
      rules = reader.rules(element, where);
    } catch (ConfigException e) {
      problems.add("option '" + where + "': " + e.getMessage());
      return null;
    }
    return PluginFactory.problemsSince(problems, before) ? null : rules;
  }

  private AssertRules read(Config config) {
    if (!config.hasPath("rules")) {
      problems.add("option 'rules' is required: rules { row_rules = [...], field_rules = [...] }");
      return null;
    }
    ConfigObject rules = config.getObject("rules");
    unknownKeys(rules, RULES_KEYS, "rules");
    return rules(config.getConfig("rules"), "rules");
  }

  private AssertRules rules(Config config, String where) {
    List<AssertRules.RowRule> rowRules = new ArrayList<>();
    List<ConfigObject> rows = objects(config, "row_rules", where);
    for (int i = 0; i < rows.size(); i++) {
      if (rows.get(i) != null) {
        rowRules.add(rowRule(rows.get(i), where + ".row_rules[" + i + "]"));
      }
    }
    List<AssertRules.FieldRule> fieldRules = new ArrayList<>();
    List<ConfigObject> fields = objects(config, "field_rules", where);
    for (int i = 0; i < fields.size(); i++) {
      if (fields.get(i) != null) {
        fieldRules.add(fieldRule(fields.get(i), where + ".field_rules[" + i + "]"));
      }
    }
    return new AssertRules(rowRules, fieldRules);
  }

  private AssertRules.RowRule rowRule(ConfigObject rule, String where) {
    unknownKeys(rule, ROW_RULE_KEYS, where);
    RuleType type = ruleType(rule, where, RuleType.ROW);
    double value = ruleValue(rule, where, type);
    if (value < 0 || value != Math.rint(value)) {
      problems.add("option '" + where + ".rule_value': a row count must be a whole number >= 0, got " + value);
    }
    return new AssertRules.RowRule(type, (long) value);
  }

  private AssertRules.FieldRule fieldRule(ConfigObject rule, String where) {
    unknownKeys(rule, FIELD_RULE_KEYS, where);
    if (!rule.containsKey("field_name")) {
      problems.add("option '" + where + ".field_name' is required");
      return null;
    }
    String name = String.valueOf(rule.get("field_name").unwrapped());
    int index = input.indexOf(name);
    if (index < 0) {
      problems.add("option '" + where + ".field_name': field '" + name + "' is not in the input; input fields: "
          + String.join(", ", input.names()));
      return null;
    }
    DataType type = input.typeAt(index);
    DataType declared = rule.containsKey("field_type") ? declaredType(rule.get("field_type"), where) : null;
    if (declared != null && declared != DataType.Basic.NULL && !declared.equals(type)) { // null: asserts nulls
      problems.add("option '" + where + ".field_type': field '" + name + "' is " + type.sqlName()
          + " in the input, the rule says " + declared.sqlName());
    }
    List<AssertRules.ValueRule> valueRules = new ArrayList<>();
    if (rule.containsKey("field_value")) {
      ConfigValue list = rule.get("field_value");
      if (list.valueType() != ConfigValueType.LIST) {
        problems.add("option '" + where + ".field_value' must be a list of rules, got " + list.render(ConfigRenderOptions.concise()));
      } else {
        ConfigList values = (ConfigList) list;
        for (int i = 0; i < values.size(); i++) {
          valueRules.add(valueRule(values.get(i), where + ".field_value[" + i + "]", name, type));
        }
      }
    }
    return new AssertRules.FieldRule(name, index, type, declared, valueRules);
  }

  private AssertRules.ValueRule valueRule(ConfigValue value, String where, String field, DataType type) {
    if (value.valueType() != ConfigValueType.OBJECT) {
      problems.add("option '" + where + "' must be an object like {rule_type = NOT_NULL}, got " + value.render(ConfigRenderOptions.concise()));
      return null;
    }
    ConfigObject rule = (ConfigObject) value;
    unknownKeys(rule, VALUE_RULE_KEYS, where);
    if (!rule.containsKey("rule_type") && !rule.containsKey("equals_to")) {
      problems.add("option '" + where + "' needs rule_type or equals_to");
      return null;
    }
    RuleType ruleType = rule.containsKey("rule_type") ? ruleType(rule, where, RuleType.FIELD) : null;
    double ruleValue = ruleType == null ? 0 : ruleValue(rule, where, ruleType);
    boolean numeric = type instanceof DataType.Decimal
        || (type instanceof DataType.Basic b && b.numeric());
    if ((ruleType == RuleType.MIN || ruleType == RuleType.MAX) && !numeric) {
      problems.add("option '" + where + "': " + ruleType + " needs a numeric field, '" + field + "' is "
          + type.sqlName() + "; use MIN_LENGTH/MAX_LENGTH for text");
    }
    if (!rule.containsKey("equals_to")) {
      return new AssertRules.ValueRule(ruleType, ruleValue, false, null, null);
    }
    ConfigValue equals = rule.get("equals_to");
    if (type == DataType.Basic.NULL) {
      problems.add("option '" + where + ".equals_to': field '" + field + "' is of type null; use {rule_type = NULL}");
      return null;
    }
    try {
      Object expected = FieldValues.convert(equals.unwrapped(), type, ValueFormats.JSON);
      return new AssertRules.ValueRule(ruleType, ruleValue, true, expected, equals.render(ConfigRenderOptions.concise()));
    } catch (IllegalArgumentException e) {
      problems.add("option '" + where + ".equals_to': not a " + type.sqlName() + " for field '" + field + "': "
          + e.getMessage());
      return null;
    }
  }

  private RuleType ruleType(ConfigObject rule, String where, Set<RuleType> allowed) {
    String name = rule.containsKey("rule_type") ? String.valueOf(rule.get("rule_type").unwrapped()) : "";
    try {
      RuleType type = RuleType.valueOf(name.trim());
      if (allowed.contains(type)) {
        return type;
      }
    } catch (IllegalArgumentException e) {
      // reported below with the accepted names
    }
    problems.add("option '" + where + ".rule_type': '" + name + "' is not one of " + allowed);
    return null;
  }

  private double ruleValue(ConfigObject rule, String where, RuleType type) {
    if (type == null || !type.needsValue()) {
      return 0;
    }
    ConfigValue value = rule.get("rule_value");
    if (value == null) {
      problems.add("option '" + where + ".rule_value' is required for " + type);
      return 0;
    }
    try {
      return Double.parseDouble(String.valueOf(value.unwrapped()).trim());
    } catch (NumberFormatException e) {
      problems.add("option '" + where + ".rule_value' must be a number for " + type + ", got " + value.render(ConfigRenderOptions.concise()));
      return 0;
    }
  }

  private DataType declaredType(ConfigValue value, String where) {
    try {
      if (value.valueType() == ConfigValueType.OBJECT) {
        return SchemaConfig.rowType((ConfigObject) value, where + ".field_type");
      }
      return DataTypes.parse(String.valueOf(value.unwrapped()));
    } catch (IllegalArgumentException e) {
      problems.add("option '" + where + ".field_type': " + e.getMessage());
      return null;
    }
  }

  /** The objects of a list option; a null stands for an entry that is not an object (reported). */
  private List<ConfigObject> objects(Config config, String key, String where) {
    List<ConfigObject> out = new ArrayList<>();
    String path = where + "." + key;
    if (!config.hasPath(key)) {
      return out;
    }
    ConfigValue value = config.getValue(key);
    if (value.valueType() != ConfigValueType.LIST) {
      problems.add("option '" + path + "' must be a list of objects, got " + value.render(ConfigRenderOptions.concise()));
      return out;
    }
    ConfigList list = (ConfigList) value;
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i).valueType() == ConfigValueType.OBJECT) {
        out.add((ConfigObject) list.get(i));
      } else {
        out.add(null);
        problems.add("option '" + path + "[" + i + "]' must be an object, got " + list.get(i).render(ConfigRenderOptions.concise()));
      }
    }
    return out;
  }

  /**
   * SeaTunnel reads the keys it knows and ignores the rest (its own e2e files carry a misspelt
   * {@code rule_ruls}), so an unknown key is a warning: the rules it was meant to add do not run.
   */
  private void unknownKeys(ConfigObject object, Set<String> known, String where) {
    for (String key : object.keySet()) {
      if (!known.contains(key)) {
        problems.add(PluginFactory.WARNING + "option '" + where + "': unknown key '" + key + "' is ignored"
            + Suggestions.hint(key, known) + "; known: " + Arrays.toString(known.stream().sorted().toArray()));
      }
    }
  }


}
