package io.atoll.runtime.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValue;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A worker's slots. With fixed slots the node's resources are split evenly: each slot gets
 * {@code heapBytes / slotNum} of heap and {@code cpuMillis / slotNum} of CPU. With dynamic slots
 * every slot gets that share of one processor, and slots are created on demand.
 */
public record SlotServiceSettings(
    boolean dynamicSlot,
    int slotNum,
    Map<String, String> tags,
    Duration heartbeatInterval,
    long cpuMillis,
    long heapBytes) {

  public SlotServiceSettings {
    if (!dynamicSlot && slotNum <= 0) {
      throw new SettingsException("atoll.slot-service.slot-num must be positive, got " + slotNum);
    }
    tags = Map.copyOf(tags);
    Configs.positive(heartbeatInterval, "heartbeat.interval");
  }

  public static SlotServiceSettings fromConfig(Config atoll) {
    int processors = Runtime.getRuntime().availableProcessors();
    int configured = Configs.integer(atoll, "slot-service.slot-num");
    if (configured < 0) {
      throw new SettingsException(
          "atoll.slot-service.slot-num must be 0 (one per processor) or positive, got " + configured);
    }
    return new SlotServiceSettings(
        Configs.bool(atoll, "slot-service.dynamic-slot"),
        configured == 0 ? processors : configured,
        tags(atoll),
        HeartbeatSettings.fromConfig(atoll).interval(),
        processors * 1000L,
        Runtime.getRuntime().maxMemory());
  }

  private static Map<String, String> tags(Config atoll) {
    Map<String, String> tags = new LinkedHashMap<>();
    try {
      for (Map.Entry<String, ConfigValue> e : atoll.getConfig("slot-service.tags").entrySet()) {
        Object value = e.getValue().unwrapped();
        if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
          throw new SettingsException(
              "atoll.slot-service.tags." + e.getKey() + " must be a plain value, got " + value);
        }
        tags.put(e.getKey(), String.valueOf(value));
      }
    } catch (ConfigException e) {
      throw new SettingsException("atoll.slot-service.tags: " + e.getMessage(), e);
    }
    return tags;
  }
}
