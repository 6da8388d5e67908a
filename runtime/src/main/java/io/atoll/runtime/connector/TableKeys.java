package io.atoll.runtime.connector;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.atoll.protocol.data.CatalogTable;
import io.atoll.protocol.data.RowType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * SeaTunnel's {@code schema.primaryKey { name, columnNames }} and {@code schema.constraintKeys =
 * [{constraintName, constraintType, constraintColumns = [{columnName, sortType}]}]}: read into the
 * source's {@link CatalogTable}, so Assert's {@code catalog_table_rule} can check them. A key
 * naming a column the schema lacks is a problem naming it.
 */
public final class TableKeys {
  private static final Set<String> CONSTRAINT_TYPES = Set.of("INDEX_KEY", "UNIQUE_KEY");
  private static final Set<String> SORT_TYPES = Set.of("ASC", "DESC");

  private TableKeys() {}

  /** The table of a source block: its id, schema and declared keys. */
  public static CatalogTable table(String id, RowType type, Config config, List<String> problems) {
    try {
      return new CatalogTable(id, type, primaryKey(config, type, problems), constraintKeys(config, type, problems));
    } catch (ConfigException e) {
      problems.add("option 'schema': " + e.getMessage());
      return new CatalogTable(id, type);
    }
  }

  private static CatalogTable.PrimaryKey primaryKey(Config config, RowType type, List<String> problems) {
    if (!config.hasPath("schema.primaryKey")) {
      return null;
    }
    Config key = config.getConfig("schema.primaryKey");
    List<String> columns = key.getStringList("columnNames");
    columns.forEach(c -> known(c, type, "schema.primaryKey.columnNames", problems));
    return new CatalogTable.PrimaryKey(key.hasPath("name") ? key.getString("name") : null, columns);
  }

  private static List<CatalogTable.ConstraintKey> constraintKeys(Config config, RowType type, List<String> problems) {
    List<CatalogTable.ConstraintKey> keys = new ArrayList<>();
    if (!config.hasPath("schema.constraintKeys")) {
      return keys;
    }
    List<? extends Config> list = config.getConfigList("schema.constraintKeys");
    for (int i = 0; i < list.size(); i++) {
      String where = "schema.constraintKeys[" + i + "]";
      Config key = list.get(i);
      String keyType = key.getString("constraintType").trim().toUpperCase(Locale.ROOT);
      if (!CONSTRAINT_TYPES.contains(keyType)) {
        problems.add("option '" + where + ".constraintType': '" + keyType + "' is not one of " + CONSTRAINT_TYPES);
      }
      List<CatalogTable.KeyColumn> columns = new ArrayList<>();
      for (Config column : key.getConfigList("constraintColumns")) {
        String name = column.getString("columnName");
        known(name, type, where + ".constraintColumns", problems);
        String sort = column.hasPath("sortType") ? column.getString("sortType").trim().toUpperCase(Locale.ROOT) : "ASC";
        if (!SORT_TYPES.contains(sort)) {
          problems.add("option '" + where + ".constraintColumns': sortType '" + sort + "' is not ASC or DESC");
        }
        columns.add(new CatalogTable.KeyColumn(name, sort));
      }
      keys.add(new CatalogTable.ConstraintKey(key.getString("constraintName"), keyType, columns));
    }
    return keys;
  }

  private static void known(String column, RowType type, String where, List<String> problems) {
    if (type.indexOf(column) < 0) {
      problems.add("option '" + where + "': column '" + column + "' is not in the schema; it has " + type.names());
    }
  }
}
