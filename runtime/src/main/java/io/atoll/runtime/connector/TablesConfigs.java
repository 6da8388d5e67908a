package io.atoll.runtime.connector;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.atoll.protocol.connector.OptionSpec;
import io.atoll.protocol.connector.OptionType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * SeaTunnel's {@code tables_configs} on a source (FakeSource, LocalFile): a list of whole source
 * configs, one per table, each naming its table in {@code schema.table} ({@code "db.t1"}; absent:
 * SeaTunnel's {@code default.default.default}). Table ids must differ, as SeaTunnel requires, or
 * two tables' rows could not be told apart. Problems name the element: {@code option
 * 'tables_configs[1]': ...}, which the job validator turns into the element's job file line.
 */
public final class TablesConfigs {
  public static final String KEY = "tables_configs";
  public static final OptionSpec OPTION = OptionSpec.key(KEY).type(OptionType.OBJECT_LIST)
      .description("Several tables from one source: tables_configs = [{ schema { table = \"db.t1\", fields {...} }, "
          + "... }, ...], each element a whole config of this source");
  /** SeaTunnel's TablePath.DEFAULT, the id of a table whose schema names none. */
  public static final String DEFAULT_ID = "default.default.default";

  /** One element: its position, table id and config. */
  public record Element(int index, String tableId, Config config) {
    /** Prefixes a problem found in this element's config with the element. */
    public String problem(String message) {
      return "option '" + KEY + "[" + index + "]' (table '" + tableId + "'): " + message;
    }
  }

  private TablesConfigs() {}

  public static boolean present(Config config) {
    return config.hasPath(KEY);
  }

  /**
   * The id a single-table source's rows carry: its {@code schema.table} when given (SeaTunnel names
   * the table so, and Assert's {@code table-names} sees it), else null: the link's only table.
   */
  public static String singleTableId(Config config) {
    try {
      if (config.hasPath("schema.table")) {
        String id = config.getString("schema.table").trim();
        return id.isEmpty() ? null : id;
      }
    } catch (ConfigException e) {
      // not a string: the schema reader reports what is wrong with the schema
    }
    return null;
  }

  /** The elements, or an empty list after adding to {@code problems}. */
  public static List<Element> read(Config config, List<String> problems) {
    List<? extends Config> configs;
    try {
      configs = config.getConfigList(KEY);
    } catch (ConfigException e) {
      problems.add("option '" + KEY + "' must be a list of source configs, one per table: " + e.getMessage());
      return List.of();
    }
    if (configs.isEmpty()) {
      problems.add("option '" + KEY + "' lists no table");
      return List.of();
    }
    List<Element> elements = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < configs.size(); i++) {
      Config c = configs.get(i);
      String id = DEFAULT_ID;
      try {
        if (c.hasPath("schema.table")) {
          id = c.getString("schema.table").trim();
        }
      } catch (ConfigException e) {
        problems.add("option '" + KEY + "[" + i + "]': schema.table must be a table name like \"db.t1\"");
        continue;
      }
      if (id.isEmpty() || id.split("\\.", -1).length > 3 || id.startsWith(".") || id.endsWith(".")) {
        problems.add("option '" + KEY + "[" + i + "]': schema.table '" + id + "' is not a table name like "
            + "\"t1\", \"db.t1\" or \"db.schema.t1\"");
        continue;
      }
      Integer first = seen.putIfAbsent(id, i);
      if (first != null) {
        problems.add("option '" + KEY + "[" + i + "]': table '" + id + "' is also tables_configs[" + first
            + "]; each table needs its own schema.table");
        continue;
      }
      elements.add(new Element(i, id, c));
    }
    return elements;
  }
}
