package io.atoll.runtime.connector.fake;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.atoll.protocol.data.Row;
import io.atoll.protocol.data.RowKind;
import io.atoll.protocol.data.RowType;
import io.atoll.runtime.connector.file.FieldValues;
import io.atoll.runtime.connector.file.ValueFormats;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * FakeSource's {@code rows}: {@code [{kind = INSERT, fields = [1, "a", ...]}]}, fields given in
 * schema order (a list) or by name (an object), typed as SeaTunnel types them from JSON (bytes as
 * base64, dates as text, {@code CURRENT_DATE} and friends evaluated when the source is created).
 */
final class FixedRows {
  private static final Set<String> KEYS = Set.of("kind", "fields");

  private FixedRows() {}

  /** The rows, or null when the option is absent; problems name {@code rows[i]}. */
  static List<Row> read(Config config, RowType type, List<String> problems) {
    if (!config.hasPath(FakeOptions.ROWS.name())) {
      return null;
    }
    ConfigList list = config.getList(FakeOptions.ROWS.name());
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      String where = "option 'rows[" + i + "]'";
      ConfigValue value = list.get(i);
      if (value.valueType() != ConfigValueType.OBJECT) {
        problems.add(where + ": expected {kind = INSERT, fields = [...]}, got " + value.render(ConfigRenderOptions.concise()));
        continue;
      }
      ConfigObject object = (ConfigObject) value;
      for (String key : object.keySet()) {
        if (!KEYS.contains(key)) {
          problems.add(where + ": unknown key '" + key + "'; expected kind and fields");
        }
      }
      try {
        RowKind kind = object.containsKey("kind")
            ? RowKind.parse(String.valueOf(object.get("kind").unwrapped())) : RowKind.INSERT;
        if (!object.containsKey("fields")) {
          throw new IllegalArgumentException("'fields' is missing");
        }
        Row row = (Row) FieldValues.convert(object.get("fields").unwrapped(), type, ValueFormats.JSON);
        rows.add(row.withKind(kind));
      } catch (IllegalArgumentException e) {
        problems.add(where + ": " + e.getMessage());
      }
    }
    return rows;
  }
}
