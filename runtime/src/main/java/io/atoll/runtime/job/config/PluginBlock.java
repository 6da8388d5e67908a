package io.atoll.runtime.job.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import io.atoll.protocol.connector.PluginFactory;
import io.atoll.protocol.connector.PluginKind;
import io.atoll.protocol.job.OptionValue;
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
  /** The block as the typed tree that is sent, in the file's key order with the file's lines. */
  final OptionValue.ObjectOf options;
  /** The job file, for the origins of {@link #orderedConfig()}. */
  final String origin;

  /** Null when no plugin of this kind has the name. */
  PluginFactory factory;
  boolean optionsValid;
  /** Null for sinks. */
  String outputTable;
  List<String> inputTables = List.of();

  private Config ordered;

  PluginBlock(PluginKind kind, String name, int index, int line, ConfigObject block, OptionValue.ObjectOf options,
      String origin) {
    this.kind = kind;
    this.name = name;
    this.index = index;
    this.line = line;
    this.block = block;
    this.options = options;
    this.origin = origin;
  }

  Config config() {
    return block.toConfig();
  }

  /**
   * The config plugins are given ({@code validate}, {@code createSource}...): built from
   * {@link #options} exactly as workers build it ({@link PluginOptions}), so members' origin lines
   * are the job file's and give its key order.
   */
  Config orderedConfig() {
    if (ordered == null) {
      ordered = PluginOptions.config(origin, options);
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
