package io.atoll.runtime.connector.file;

import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import io.atoll.runtime.job.config.PluginOptions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The entries of a HOCON object in the order the user wrote them. Typesafe Config keeps object
 * members in a hash map, so {@code schema.fields}, {@code field_mapper} and Copy's {@code fields}
 * would come out in hash order; SeaTunnel patched its shaded copy of the library to keep order. We
 * cannot patch it, so we sort by the line each value was written on. Members a job file wrote on
 * one line ({@code {a = int, b = string}}) also carry their position ({@link PluginOptions#position});
 * other configs' members on one line keep the library's order.
 */
public final class ConfigOrder {
  private ConfigOrder() {}

  public static List<Map.Entry<String, ConfigValue>> entries(ConfigObject object) {
    List<Map.Entry<String, ConfigValue>> list = new ArrayList<>(object.entrySet());
    list.sort(Comparator.comparingInt((Map.Entry<String, ConfigValue> e) -> PluginOptions.position(e.getValue()))
        .thenComparingInt(e -> line(e.getValue())));
    return list;
  }

  private static int line(ConfigValue value) {
    int line = value.origin() == null ? -1 : value.origin().lineNumber();
    return line < 0 ? Integer.MAX_VALUE : line;
  }
}
