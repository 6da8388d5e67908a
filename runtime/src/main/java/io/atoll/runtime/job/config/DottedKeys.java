package io.atoll.runtime.job.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import java.util.Arrays;
import java.util.Map;

/**
 * Reads a quoted key with dots as the option path it means. In HOCON {@code row.num = 5} is the
 * path row → num, but JSON job files (and quoted HOCON keys) write {@code "row.num": 5}, one key
 * with a dot in it; SeaTunnel accepts both, so a block's own keys are expanded into paths. Only
 * the block's top level: nested objects (a schema's field names) keep their keys as written.
 */
final class DottedKeys {
  private DottedKeys() {}

  static ConfigObject expand(ConfigObject block) {
    if (block.keySet().stream().noneMatch(k -> k.contains("."))) {
      return block;
    }
    Config expanded = ConfigFactory.empty(block.origin().description());
    for (Map.Entry<String, ConfigValue> e : block.entrySet()) {
      String path = ConfigUtil.joinPath(Arrays.asList(e.getKey().split("\\.", -1)));
      expanded = expanded.withFallback(e.getValue().atPath(path));
    }
    return expanded.root().withOrigin(block.origin());
  }
}
