package io.atoll.protocol.job;

import io.atoll.protocol.WireMessage;
import io.atoll.protocol.connector.PluginKind;
import java.util.List;
import java.util.Objects;

/**
 * One plugin block of a validated job file. Its options travel as a typed tree with each value's
 * line in the job file ({@link OptionValue}); where the plugin runs, the tree becomes the Typesafe
 * {@code Config} its factory takes, with origins naming {@code origin} and those lines, so no
 * job text is parsed twice and plugin messages cite the user's file.
 *
 * @param index position within its kind's block, 0-based (a job's plugins are identified by kind + index)
 * @param options the block's options in the file's order
 * @param inputTables tables it reads ({@code plugin_input}); empty for sources
 * @param outputTable table it produces ({@code plugin_output}); null for sinks
 * @param line line of the block in the job file, for messages; 0 when unknown
 * @param origin the job file the block was read from (a path, {@code rest}, {@code api})
 */
public record PluginDefinition(
    PluginKind kind,
    String name,
    int index,
    OptionValue.ObjectOf options,
    List<String> inputTables,
    String outputTable,
    int line,
    String origin)
    implements WireMessage {
  public PluginDefinition {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(origin, "origin");
    inputTables = List.copyOf(inputTables);
  }

  /** {@code source[0] FakeSource}: how messages refer to a plugin. */
  public String label() {
    return kind.block() + "[" + index + "] " + name;
  }
}
