package io.atoll.runtime.job.config;

import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a plugin block as the JSON a {@link io.atoll.protocol.job.PluginDefinition} carries,
 * keeping the job file's key order in the only way Typesafe Config can carry it: one key per
 * line, in file order. Parsing the result gives each value an origin line that increases in file
 * order, which is what plugins sort by ({@link io.atoll.runtime.connector.file.ConfigOrder}).
 * Typesafe's own {@code render} writes keys in hash order, so the structure is written here.
 *
 * <p>Scalars are rendered by Typesafe itself, so strings, numbers, booleans and null come out
 * exactly as it would write them. Keys the file does not order (merged in through substitutions)
 * follow the ordered ones, alphabetically, so the output is deterministic.
 */
final class OrderedJson {
  private static final String INDENT = "  ";

  private final JobTextScan order;
  private final StringBuilder out = new StringBuilder();

  private OrderedJson(JobTextScan order) {
    this.order = order;
  }

  /** @param path where {@code object} sits in the parsed file, as {@link JobTextScan} names paths */
  static String render(ConfigObject object, JobTextScan order, List<Object> path) {
    OrderedJson json = new OrderedJson(order);
    json.value(object, path, 0);
    return json.out.toString();
  }

  private void value(ConfigValue value, List<Object> path, int depth) {
    if (value instanceof ConfigObject object) {
      object(object, path, depth);
    } else if (value instanceof ConfigList list) {
      list(list, path, depth);
    } else {
      out.append(value.render(ConfigRenderOptions.concise()));
    }
  }

  private void object(ConfigObject object, List<Object> path, int depth) {
    if (object.isEmpty()) {
      out.append("{}");
      return;
    }
    out.append("{\n");
    List<String> keys = sorted(object, path);
    for (int i = 0; i < keys.size(); i++) {
      indent(depth + 1).append(ConfigUtil.quoteString(keys.get(i))).append(" : ");
      value(object.get(keys.get(i)), child(path, keys.get(i)), depth + 1);
      out.append(i < keys.size() - 1 ? ",\n" : "\n");
    }
    indent(depth).append('}');
  }

  private void list(ConfigList list, List<Object> path, int depth) {
    if (list.isEmpty()) {
      out.append("[]");
      return;
    }
    out.append("[\n");
    for (int i = 0; i < list.size(); i++) {
      indent(depth + 1);
      value(list.get(i), child(path, i), depth + 1);
      out.append(i < list.size() - 1 ? ",\n" : "\n");
    }
    indent(depth).append(']');
  }

  private List<String> sorted(ConfigObject object, List<Object> path) {
    Map<String, Integer> rank = new HashMap<>();
    List<String> written = order.keys(path);
    for (int i = 0; i < written.size(); i++) {
      rank.put(written.get(i), i);
    }
    List<String> keys = new ArrayList<>(object.keySet());
    keys.sort(Comparator.comparingInt((String k) -> rank.getOrDefault(k, Integer.MAX_VALUE))
        .thenComparing(Comparator.naturalOrder()));
    return keys;
  }

  private StringBuilder indent(int depth) {
    return out.append(INDENT.repeat(depth));
  }

  private static List<Object> child(List<Object> path, Object segment) {
    List<Object> child = new ArrayList<>(path);
    child.add(segment);
    return child;
  }
}
