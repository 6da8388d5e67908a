package io.atoll.runtime.resource;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How much the resource tracker records (config {@code atoll.leak-detection.level}, changed at
 * runtime). Every level counts acquisitions, releases and leaks; only the allocation site costs.
 */
public enum LeakDetectionLevel {
  /** Counts only: a leak is reported with its kind, owner and age but no allocation site. */
  OFF,
  /** The allocation site of one acquisition in {@link ResourceTracker#SIMPLE_SAMPLE}. */
  SIMPLE,
  /** The allocation site of every acquisition. */
  PARANOID;

  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** @throws IllegalArgumentException naming the allowed levels */
  public static LeakDetectionLevel parse(String text) {
    for (LeakDetectionLevel level : values()) {
      if (level.configName().equalsIgnoreCase(text == null ? "" : text.trim())) {
        return level;
      }
    }
    throw new IllegalArgumentException("leak detection level '" + text + "' is not one of "
        + Arrays.stream(values()).map(LeakDetectionLevel::configName).collect(Collectors.joining(" | ")));
  }
}
