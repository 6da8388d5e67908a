package io.atoll.runtime.job.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import io.atoll.protocol.connector.PluginFactory;
import io.atoll.protocol.connector.PluginKind;
import java.util.List;

/**
 * One plugin block of a job file while it is being validated. Each step fills in what it learns
 * (factory, whether its options are valid, its normalized tables), so later steps can skip a block
 * an earlier step already found wrong instead of reporting follow-on noise.
 */
final class PluginBlock {
  final PluginKind kind;
  final String name;
  final int index;
  final int line;
  final ConfigObject block;

  /** Null when no plugin of this kind has the name. */
  PluginFactory factory;
  boolean optionsValid;
  /** Null for sinks. */
  String outputTable;
  List<String> inputTables = List.of();

  PluginBlock(PluginKind kind, String name, int index, int line, ConfigObject block) {
    this.kind = kind;
    this.name = name;
    this.index = index;
    this.line = line;
    this.block = block;
  }

  Config config() {
    return block.toConfig();
  }

  /** {@code source[0] FakeSource}, as {@link io.atoll.protocol.job.PluginDefinition#label()}. */
  String label() {
    return kind.block() + "[" + index + "] " + name;
  }

  String labelAt() {
    return label() + " (line " + line + ")";
  }
}
