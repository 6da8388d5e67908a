package io.atoll.runtime.job.config;

import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Links plugins by table name and normalizes the links, so later stages never guess: every source
 * and transform gets an output table ({@code plugin_output}, else {@code __source_<i>} /
 * {@code __transform_<i>}), every transform exactly one input, every sink at least one.
 *
 * <p>A plugin without {@code plugin_input} reads the previous plugin's output, as in SeaTunnel:
 * {@code transform[i]} reads {@code transform[i-1]}, {@code transform[0]} the source, a sink the
 * last transform (or the source). With several sources "the source" is ambiguous, which is
 * reported rather than guessed. A table nobody reads is an error too: its rows would be dropped.
 */
final class TableLinker {
  private static final String OUTPUT = "plugin_output";
  private static final String OLD_OUTPUT = "result_table_name";
  private static final String INPUT = "plugin_input";
  private static final String OLD_INPUT = "source_table_name";

  private final Problems problems;

  TableLinker(Problems problems) {
    this.problems = problems;
  }

  void link(List<PluginBlock> sources, List<PluginBlock> transforms, List<PluginBlock> sinks) {
    for (PluginBlock source : sources) {
      source.outputTable = declaredOutput(source, "__source_" + source.index);
      refuse(source, INPUT, OLD_INPUT, "a source reads no table");
    }
    for (PluginBlock transform : transforms) {
      transform.outputTable = declaredOutput(transform, "__transform_" + transform.index);
    }
    for (PluginBlock transform : transforms) {
      List<String> inputs = declaredInputs(transform);
      if (inputs.size() > 1) {
        problems.add(transform.line, where(transform, INPUT),
            "a transform reads exactly one table, got " + String.join(", ", inputs)
                + "; use one transform per table");
        inputs = inputs.subList(0, 1);
      }
      transform.inputTables = !inputs.isEmpty() ? inputs
          : implicitInput(transform, transform.index > 0 ? transforms.get(transform.index - 1) : null, sources);
    }
    for (PluginBlock sink : sinks) {
      refuse(sink, OUTPUT, OLD_OUTPUT, "a sink produces no table");
      List<String> inputs = declaredInputs(sink);
      sink.inputTables = !inputs.isEmpty() ? inputs
          : implicitInput(sink, transforms.isEmpty() ? null : transforms.get(transforms.size() - 1), sources);
    }
    List<PluginBlock> producers = new ArrayList<>(sources);
    producers.addAll(transforms);
    Map<String, PluginBlock> byTable = producedTables(producers);
    List<PluginBlock> consumers = new ArrayList<>(transforms);
    consumers.addAll(sinks);
    Set<String> probablyMeant = checkInputsExist(consumers, byTable);
    checkEveryTableRead(producers, consumers, probablyMeant);
  }

  private String declaredOutput(PluginBlock block, String generated) {
    ConfigValue value = value(block, OUTPUT, OLD_OUTPUT);
    if (value == null) {
      return generated;
    }
    String table = tableName(value);
    if (table == null) {
      problems.add(OptionChecker.line(value, block.line), where(block, OUTPUT),
          "must be a non-empty table name, got " + ConfigMessages.show(value));
      return generated;
    }
    return table;
  }

  /** {@code plugin_input}: one table name or a list of them, as SeaTunnel accepts. */
  private List<String> declaredInputs(PluginBlock block) {
    ConfigValue value = value(block, INPUT, OLD_INPUT);
    if (value == null) {
      return List.of();
    }
    List<ConfigValue> items = value instanceof ConfigList list ? list : List.of(value);
    List<String> tables = items.stream().map(TableLinker::tableName).toList();
    if (items.isEmpty() || tables.contains(null)) {
      problems.add(OptionChecker.line(value, block.line), where(block, INPUT),
          "must be a table name or a non-empty list of table names, got " + ConfigMessages.show(value));
      return List.of();
    }
    return tables.stream().distinct().toList();
  }

  private List<String> implicitInput(PluginBlock block, PluginBlock previousTransform, List<PluginBlock> sources) {
    if (previousTransform != null) {
      return List.of(previousTransform.outputTable);
    }
    if (sources.size() == 1) {
      return List.of(sources.get(0).outputTable);
    }
    if (sources.size() > 1) {
      problems.add(block.line, block.label(),
          "does not say which table it reads, and the job has " + sources.size() + " sources: give each source "
              + "plugin_output = \"<table>\" and set plugin_input = \"<table>\" here");
    }
    return List.of();
  }

  private Map<String, PluginBlock> producedTables(List<PluginBlock> producers) {
    Map<String, PluginBlock> byTable = new LinkedHashMap<>();
    for (PluginBlock p : producers) {
      PluginBlock first = byTable.putIfAbsent(p.outputTable, p);
      if (first != null) {
        problems.add(p.line, where(p, OUTPUT), "table '" + p.outputTable + "' is also produced by "
            + first.labelAt() + "; give each table its own name");
      }
    }
    return byTable;
  }

  /** @return the tables suggested for misspelt inputs: their "nobody reads it" would be noise */
  private Set<String> checkInputsExist(List<PluginBlock> consumers, Map<String, PluginBlock> byTable) {
    Set<String> suggested = new HashSet<>();
    for (PluginBlock c : consumers) {
      for (String table : c.inputTables) {
        if (!byTable.containsKey(table)) {
          Suggestions.closest(table, byTable.keySet()).ifPresent(suggested::add);
          problems.add(c.line, where(c, INPUT), "reads table '" + table + "', which no source or transform "
              + "produces" + Suggestions.hint(table, byTable.keySet()) + "; known tables: "
              + (byTable.isEmpty() ? "(none)" : String.join(", ", byTable.keySet())));
        }
      }
    }
    return suggested;
  }

  private void checkEveryTableRead(List<PluginBlock> producers, List<PluginBlock> consumers, Set<String> excused) {
    Set<String> read = consumers.stream().flatMap(c -> c.inputTables.stream()).collect(Collectors.toSet());
    for (PluginBlock p : producers) {
      // an unknown plugin is already reported; its unread table would only repeat that
      if (p.factory != null && !read.contains(p.outputTable) && !excused.contains(p.outputTable)) {
        problems.add(p.line, p.label(), "nothing reads its table '" + p.outputTable + "', so its rows would be "
            + "dropped: set plugin_input = \"" + p.outputTable + "\" on the transform or sink they should reach");
      }
    }
  }

  private void refuse(PluginBlock block, String option, String oldName, String why) {
    ConfigValue value = value(block, option, oldName);
    if (value != null) {
      String given = block.config().hasPath(option) ? option : oldName;
      problems.add(OptionChecker.line(value, block.line), where(block, given), why + "; remove " + given);
    }
  }

  private static ConfigValue value(PluginBlock block, String option, String oldName) {
    ConfigValue value = block.block.get(option);
    return value != null && value.valueType() != ConfigValueType.NULL ? value : nonNull(block.block.get(oldName));
  }

  private static ConfigValue nonNull(ConfigValue value) {
    return value == null || value.valueType() == ConfigValueType.NULL ? null : value;
  }

  private static String tableName(ConfigValue value) {
    if (value.valueType() != ConfigValueType.STRING && value.valueType() != ConfigValueType.NUMBER) {
      return null;
    }
    String name = String.valueOf(value.unwrapped()).trim();
    return name.isEmpty() ? null : name;
  }

  private static String where(PluginBlock block, String option) {
    return block.label() + " option '" + option + "'";
  }
}
