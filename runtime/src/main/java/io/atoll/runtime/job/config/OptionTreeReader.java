package io.atoll.runtime.job.config;

import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import io.atoll.protocol.job.OptionValue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a parsed plugin block into the {@link OptionValue} tree that travels to the cluster: each
 * value keeps its line in the job file, each object its keys in the order the file wrote them
 * ({@link JobTextScan#keys}). Keys the file does not order (merged in through substitutions)
 * follow the ordered ones, alphabetically, so the tree is deterministic. A value without a line of
 * its own (filled in from a variable) takes the line of the key before it, else of its object.
 */
final class OptionTreeReader {
  private final JobTextScan order;

  private OptionTreeReader(JobTextScan order) {
    this.order = order;
  }

  /**
   * @param order the file's key order; null to order keys by line, then alphabetically
   * @param path where {@code object} sits in the parsed file, as {@link JobTextScan} names paths
   */
  static OptionValue.ObjectOf read(ConfigObject object, JobTextScan order, List<Object> path) {
    return new OptionTreeReader(order).object(object, path, 0);
  }

  private OptionValue value(ConfigValue value, List<Object> path, int inherited) {
    int line = line(value, inherited);
    if (value instanceof ConfigObject object) {
      return object(object, path, line);
    }
    if (value instanceof ConfigList list) {
      List<OptionValue> items = new ArrayList<>();
      int previous = line;
      for (int i = 0; i < list.size(); i++) {
        OptionValue item = value(list.get(i), child(path, i), previous);
        items.add(item);
        previous = item.line();
      }
      return new OptionValue.ListOf(items, line);
    }
    return switch (value.valueType()) {
      case STRING -> new OptionValue.Text((String) value.unwrapped(), line);
      case NUMBER -> new OptionValue.Numeric(value.render(ConfigRenderOptions.concise()), line);
      case BOOLEAN -> new OptionValue.Bool((Boolean) value.unwrapped(), line);
      case NULL -> new OptionValue.Null(line);
      default -> throw new IllegalArgumentException("not a plain value: " + value.valueType());
    };
  }

  private OptionValue.ObjectOf object(ConfigObject object, List<Object> path, int inherited) {
    int line = line(object, inherited);
    List<OptionValue.Member> members = new ArrayList<>();
    int previous = line;
    for (String key : sorted(object, path)) {
      OptionValue member = value(object.get(key), child(path, key), previous);
      members.add(new OptionValue.Member(key, member));
      previous = member.line();
    }
    return new OptionValue.ObjectOf(members, line);
  }

  private List<String> sorted(ConfigObject object, List<Object> path) {
    Map<String, Integer> rank = new HashMap<>();
    List<String> written = order == null ? List.of() : order.keys(path);
    for (int i = 0; i < written.size(); i++) {
      rank.put(written.get(i), i);
    }
    List<String> keys = new ArrayList<>(object.keySet());
    Comparator<String> byRank = Comparator.comparingInt(k -> rank.getOrDefault(k, Integer.MAX_VALUE));
    if (order == null) {
      byRank = Comparator.comparingInt(k -> line(object.get(k), Integer.MAX_VALUE));
    }
    keys.sort(byRank.thenComparing(Comparator.naturalOrder()));
    return keys;
  }

  private static int line(ConfigValue value, int otherwise) {
    int line = value.origin() == null ? -1 : value.origin().lineNumber();
    return line > 0 ? line : otherwise;
  }

  private static List<Object> child(List<Object> path, Object segment) {
    List<Object> child = new ArrayList<>(path);
    child.add(segment);
    return child;
  }
}
