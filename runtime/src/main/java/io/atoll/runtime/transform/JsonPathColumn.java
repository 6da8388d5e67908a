package io.atoll.runtime.transform;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.atoll.protocol.data.DataType;
import io.atoll.protocol.data.DataTypes;
import io.atoll.protocol.data.RowType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One entry of the {@code JsonPath} transform's {@code columns}: read {@code path} from the JSON
 * in {@code src_field} into {@code dest_field} of {@code dest_type} (string when absent).
 *
 * @param errorWay {@code column_error_handle_way}, or null to leave the row's way in charge
 */
record JsonPathColumn(String srcField, JsonPathExpression path, String destField, DataType destType,
                      ErrorWay errorWay) {

  /** What happens when a value cannot be read or converted. */
  enum ErrorWay { FAIL, SKIP, SKIP_ROW }

  private static final Set<String> KEYS =
      Set.of("src_field", "path", "dest_field", "dest_type", "column_error_handle_way");

  /** Reads every entry of {@code columns}, adding a problem naming the entry for each mistake. */
  static List<JsonPathColumn> read(Config config, RowType input, List<String> problems) {
    List<JsonPathColumn> columns = new ArrayList<>();
    if (!config.hasPath("columns")) {
      problems.add("option 'columns' is required: columns = [ { src_field = ..., path = \"$.a\", dest_field = ... } ]");
      return columns;
    }
    if (config.getValue("columns").valueType() != ConfigValueType.LIST) {
      problems.add("option 'columns' must be a list of objects");
      return columns;
    }
    List<? extends ConfigValue> entries = config.getList("columns");
    if (entries.isEmpty()) {
      problems.add("option 'columns' lists no column");
    }
    for (int i = 0; i < entries.size(); i++) {
      String where = "option 'columns' entry " + (i + 1) + ": ";
      if (entries.get(i).valueType() != ConfigValueType.OBJECT) {
        problems.add(where + "must be an object");
        continue;
      }
      JsonPathColumn column = entry(((ConfigObject) entries.get(i)).toConfig(), where, input, problems);
      if (column != null) {
        columns.add(column);
      }
    }
    InputFields.requireDistinct("columns", columns.stream().map(JsonPathColumn::destField).toList(), problems);
    return columns;
  }

  private static JsonPathColumn entry(Config entry, String where, RowType input, List<String> problems) {
    int before = problems.size();
    for (String key : entry.root().keySet()) {
      if (!KEYS.contains(key)) {
        problems.add(where + "unknown key '" + key + "'; known: src_field, path, dest_field, dest_type,"
            + " column_error_handle_way");
      }
    }
    String src = text(entry, "src_field", where, problems);
    String pathText = text(entry, "path", where, problems);
    String dest = text(entry, "dest_field", where, problems);
    if (src != null && InputFields.require("columns", src, input, problems)) {
      DataType type = input.field(src).orElseThrow().type();
      if (!JsonPathSources.readable(type)) {
        problems.add(where + "src_field '" + src + "' is " + type.sqlName()
            + "; JsonPath reads string, bytes, array, map and row fields");
      }
    }
    JsonPathExpression path = null;
    if (pathText != null) {
      try {
        path = JsonPathExpression.compile(pathText);
      } catch (IllegalArgumentException e) {
        problems.add(where + e.getMessage());
      }
    }
    DataType type = DataType.Basic.STRING;
    if (entry.hasPath("dest_type")) {
      try {
        type = DataTypes.parse(entry.getString("dest_type"));
      } catch (IllegalArgumentException | ConfigException e) {
        problems.add(where + "dest_type: " + e.getMessage());
      }
    }
    ErrorWay way = null;
    if (entry.hasPath("column_error_handle_way")) {
      String text = entry.getValue("column_error_handle_way").unwrapped().toString();
      try {
        way = ErrorWay.valueOf(text.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        problems.add(where + "column_error_handle_way must be FAIL, SKIP or SKIP_ROW, got '" + text + "'");
      }
    }
    return problems.size() == before ? new JsonPathColumn(src, path, dest, type, way) : null;
  }

  private static String text(Config entry, String key, String where, List<String> problems) {
    if (!entry.hasPath(key)) {
      problems.add(where + "'" + key + "' is required");
      return null;
    }
    ConfigValue value = entry.getValue(key);
    if (value.valueType() != ConfigValueType.STRING || value.unwrapped().toString().isBlank()) {
      problems.add(where + "'" + key + "' must be a non-empty string");
      return null;
    }
    return value.unwrapped().toString();
  }
}
