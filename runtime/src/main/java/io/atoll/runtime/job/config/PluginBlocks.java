package io.atoll.runtime.job.config;

import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.atoll.protocol.connector.PluginKind;
import io.atoll.protocol.job.OptionValue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one kind's blocks in file order, in both of SeaTunnel's forms:
 * {@code source { FakeSource { ... } }} (keys renamed by {@link JobTextScan} so duplicates survive)
 * and {@code source = [ { plugin_name = FakeSource, ... } ]}.
 */
final class PluginBlocks {
  private PluginBlocks() {}

  /** @param key the block's key, or its index in the list form: where {@link JobTextScan} finds it */
  private record Found(String name, int ordinal, int line, ConfigObject block, Object key) {}

  static List<PluginBlock> read(ConfigObject root, PluginKind kind, JobTextScan order, Problems problems) {
    ConfigValue value = root.get(kind.block());
    List<Found> found = new ArrayList<>();
    if (value == null) {
      return List.of();
    } else if (value instanceof ConfigObject object) {
      for (Map.Entry<String, ConfigValue> e : object.entrySet()) {
        Optional<JobTextScan.BlockKey> key = JobTextScan.decode(e.getKey());
        String name = key.map(JobTextScan.BlockKey::name).orElse(e.getKey());
        int line = OptionChecker.line(e.getValue(), OptionChecker.line(value, 0));
        if (e.getValue() instanceof ConfigObject block) {
          found.add(new Found(name, key.map(JobTextScan.BlockKey::ordinal).orElse(Integer.MAX_VALUE), line, block,
              e.getKey()));
        } else {
          problems.add(line, kind.block() + " '" + name + "'",
              "must be a plugin block " + name + " { ... }, got " + ConfigMessages.show(e.getValue()));
        }
      }
      found.sort(Comparator.comparingInt(Found::line).thenComparingInt(Found::ordinal));
    } else if (value instanceof ConfigList list) {
      for (int i = 0; i < list.size(); i++) {
        fromListItem(kind, i, list.get(i), problems).ifPresent(found::add);
      }
    } else {
      problems.add(OptionChecker.line(value, 0), kind.block(),
          "must be a block " + kind.block() + " { PluginName { ... } } or a list of blocks with plugin_name, got "
              + ConfigMessages.show(value));
    }
    List<PluginBlock> blocks = new ArrayList<>();
    for (Found f : found) {
      ConfigObject block = DottedKeys.expand(f.block());
      OptionValue.ObjectOf options = OptionTreeReader.read(block, order, List.of(kind.block(), f.key()));
      blocks.add(new PluginBlock(kind, f.name(), blocks.size(), f.line(), block, options, problems.origin()));
    }
    return blocks;
  }

  private static Optional<Found> fromListItem(PluginKind kind, int i, ConfigValue item, Problems problems) {
    int line = OptionChecker.line(item, 0);
    String where = kind.block() + " list item " + i;
    if (!(item instanceof ConfigObject block)) {
      problems.add(line, where, "must be a block { plugin_name = ..., ... }, got " + ConfigMessages.show(item));
      return Optional.empty();
    }
    ConfigValue name = block.get("plugin_name");
    if (name == null || name.valueType() != ConfigValueType.STRING) {
      problems.add(line, where, "needs plugin_name = \"<plugin>\" to say which " + kind.block() + " it is");
      return Optional.empty();
    }
    return Optional.of(new Found((String) name.unwrapped(), i, line, block, i));
  }
}
