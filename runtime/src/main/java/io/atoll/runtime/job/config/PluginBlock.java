package io.atoll.runtime.job.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
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
  /** The block as parsed: option checks use it, so problems carry the job file's lines. */
  final ConfigObject block;
  /** The block as JSON with the file's key order, one key per line ({@link OrderedJson}). */
  final String configJson;

  /** Null when no plugin of this kind has the name. */
  PluginFactory factory;
  boolean optionsValid;
  /** Null for sinks. */
  String outputTable;
  List<String> inputTables = List.of();

  private Config ordered;

  PluginBlock(PluginKind kind, String name, int index, int line, ConfigObject block, String configJson) {
    this.kind = kind;
    this.name = name;
    this.index = index;
    this.line = line;
    this.block = block;
    this.configJson = configJson;
  }

  Config config() {
    return block.toConfig();
  }

  /**
   * The config plugins are given ({@code validate}, {@code createSource}...): {@link #configJson}
   * parsed, as workers will parse it, so members' origin lines follow the file's key order. Its
   * line numbers are the JSON's, not the job file's; problems found by option checks use {@link
   * #config()}.
   */
  Config orderedConfig() {
    if (ordered == null) {
      ordered = ConfigFactory.parseString(configJson, ConfigParseOptions.defaults().setOriginDescription(label()));
    }
    return ordered;
  }

  /** {@code source[0] FakeSource}, as {@link io.atoll.protocol.job.PluginDefinition#label()}. */
  String label() {
    return kind.block() + "[" + index + "] " + name;
  }

  String labelAt() {
    return label() + " (line " + line + ")";
  }
}
