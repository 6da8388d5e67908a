package io.atoll.protocol.job;

import io.atoll.protocol.WireMessage;
import io.atoll.protocol.connector.PluginKind;
import java.util.List;
import java.util.Objects;

/**
 * One plugin block of a validated job file. The block itself travels as rendered JSON (re-parsed
 * with Typesafe Config where the plugin runs), so plugin options need no wire registration.
 *
 * @param index position within its kind's block, 0-based (a job's plugins are identified by kind + index)
 * @param inputTables tables it reads ({@code plugin_input}); empty for sources
 * @param outputTable table it produces ({@code plugin_output}); null for sinks
 * @param line line of the block in the job file, for messages; 0 when unknown
 */
public record PluginDefinition(
    PluginKind kind,
    String name,
    int index,
    String configJson,
    List<String> inputTables,
    String outputTable,
    int line)
    implements WireMessage {
  public PluginDefinition {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(configJson, "configJson");
    inputTables = List.copyOf(inputTables);
  }

  /** {@code source[0] FakeSource}: how messages refer to a plugin. */
  public String label() {
    return kind.block() + "[" + index + "] " + name;
  }
}
