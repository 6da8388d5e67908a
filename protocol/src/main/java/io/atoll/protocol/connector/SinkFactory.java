package io.atoll.protocol.connector;

import com.typesafe.config.Config;
import io.atoll.protocol.data.RowType;

/** Creates a {@link Sink} for rows of the given input schema. */
public non-sealed interface SinkFactory extends PluginFactory {
  @Override
  default PluginKind kind() {
    return PluginKind.SINK;
  }

  Sink createSink(Config config, RowType input);
}
