package io.atoll.runtime.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.atoll.protocol.connector.OptionSpec;
import io.atoll.protocol.connector.PluginFactory;
import java.util.HashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Every built-in plugin is found by the ServiceLoader the runtime uses, and declares sane options. */
class PluginRegistrationTest {
  private static final Set<String> COMMON = Set.of("plugin_output", "plugin_input", "result_table_name",
      "source_table_name", "parallelism", "plugin_name");

  private static List<PluginFactory> factories() {
    return ServiceLoader.load(PluginFactory.class).stream().map(ServiceLoader.Provider::get).toList();
  }

  @Test
  void everyBuiltInPluginIsRegistered() {
    Set<String> found = new TreeSet<>();
    factories().forEach(f -> found.add(f.kind().block() + ":" + f.name()));
    assertTrue(found.containsAll(Set.of("source:FakeSource", "source:LocalFile", "sink:LocalFile", "sink:Console",
        "sink:Assert", "transform:Filter", "transform:FieldMapper", "transform:Copy", "transform:Replace",
        "transform:Split", "transform:FilterRowKind", "transform:FieldRename", "transform:RowKindExtractor",
        "transform:JsonPath", "transform:RegexExtract", "transform:DataValidator", "transform:Sql",
        "transform:sql")), found.toString());
  }

  @Test
  void optionsAreUniqueDescribedAndLeaveCommonOptionsToTheRuntime() {
    for (PluginFactory f : factories()) {
      Set<String> names = new HashSet<>();
      for (OptionSpec option : f.options()) {
        for (String name : concat(option.name(), option.fallbackNames())) {
          assertTrue(names.add(name), f.name() + " declares '" + name + "' twice");
          assertFalse(COMMON.contains(name), f.name() + " declares the common option '" + name + "'");
        }
        assertFalse(option.description().isBlank(), f.name() + "." + option.name() + " has no description");
        if (option.defaultValue() != null && !option.allowedValues().isEmpty()) {
          assertTrue(option.allowedValues().contains(option.defaultValue()), f.name() + "." + option.name());
        }
      }
    }
    assertEquals(20, factories().stream()
        .filter(f -> f.getClass().getName().startsWith("io.atoll.runtime.") && !f.getClass().getName().contains(".testing."))
        .count(), "built-in plugins (test-scope ones live in *.testing packages)");
  }

  private static List<String> concat(String first, List<String> rest) {
    List<String> all = new java.util.ArrayList<>(rest);
    all.add(0, first);
    return all;
  }
}
