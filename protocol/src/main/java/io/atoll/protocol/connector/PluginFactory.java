package io.atoll.protocol.connector;

import com.typesafe.config.Config;
import io.atoll.protocol.data.RowType;
import java.util.List;

/**
 * A plugin that job files can name. Implementations are found with {@link java.util.ServiceLoader}
 * (list them in {@code META-INF/services/io.atoll.protocol.connector.PluginFactory}), so a jar on
 * the classpath or in the node's {@code plugins/} directory adds one without touching the runtime.
 * Implement one of {@link SourceFactory}, {@link TransformFactory}, {@link SinkFactory}.
 */
public sealed interface PluginFactory permits SourceFactory, TransformFactory, SinkFactory {

  /** The name job files use, e.g. {@code FakeSource}, matched case-sensitively as SeaTunnel does. */
  String name();

  PluginKind kind();

  /** Every option the plugin reads. Options not listed here are reported as unknown. */
  List<OptionSpec> options();

  /**
   * Marks a message of {@link #validate} as a warning: something SeaTunnel accepts without a word
   * (an unknown key inside a nested option, an option that has no effect), which Atoll reports
   * with its line and lets pass, or refuses with {@code --strict}.
   */
  String WARNING = "warning: ";

  /** Whether a message of {@code messages} from index {@code from} on is a problem, not a {@link #WARNING}. */
  static boolean problemsSince(List<String> messages, int from) {
    return messages.subList(from, messages.size()).stream().anyMatch(m -> !m.startsWith(WARNING));
  }

  /**
   * Checks beyond the declared options (e.g. a rule referring to a field not in the input), run
   * before submission. Each problem names the option; an empty list means valid. A message that
   * starts with {@link #WARNING} is a warning, not a problem.
   *
   * @param config the plugin's block
   * @param input the schema of the rows the plugin receives; for sources an empty row type
   */
  default List<String> validate(Config config, RowType input) {
    return List.of();
  }
}
