package io.atoll.protocol.connector;

import com.typesafe.config.Config;
import io.atoll.protocol.data.RowType;

/** Creates a {@link Transform} for rows of the given input schema. */
public non-sealed interface TransformFactory extends PluginFactory {
  @Override
  default PluginKind kind() {
    return PluginKind.TRANSFORM;
  }

  Transform createTransform(Config config, RowType input);
}
