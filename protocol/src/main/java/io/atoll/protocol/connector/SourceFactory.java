package io.atoll.protocol.connector;

import com.typesafe.config.Config;

/** Creates a {@link Source} from its job file block. */
public non-sealed interface SourceFactory extends PluginFactory {
  @Override
  default PluginKind kind() {
    return PluginKind.SOURCE;
  }

  /** The config has passed validation; defaults are not filled in (use {@link PluginConfigs}). */
  Source createSource(Config config);
}
