package io.atoll.persistence;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;

/**
 * The {@code atoll.persistence} block of a node's config, read once at start.
 *
 * @param levelDbNative use the leveldbjni native LevelDB ({@code true}, fast, Linux/Windows/macOS
 *     x86_64 only) or the pure-Java iq80 port ({@code false}, for aarch64 and Apple Silicon)
 */
public record PersistenceSettings(boolean levelDbNative) {

  /** The defaults of this module's reference.conf. */
  public static final PersistenceSettings DEFAULT = new PersistenceSettings(true);

  /** @param atoll the {@code atoll} block of the node's config */
  public static PersistenceSettings fromConfig(Config atoll) {
    try {
      return new PersistenceSettings(atoll.getBoolean("persistence.leveldb-native"));
    } catch (ConfigException e) {
      throw new IllegalArgumentException(
          "atoll.persistence.leveldb-native: " + e.getMessage(), e);
    }
  }
}
