package io.atoll.runtime.connector.file;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.atoll.protocol.connector.OptionSpec;
import io.atoll.protocol.connector.OptionType;
import io.atoll.protocol.data.DataType;
import io.atoll.protocol.data.DataTypes;
import io.atoll.protocol.data.RowType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SeaTunnel's {@code schema} option, shared by every source that declares its rows' shape
 * (FakeSource, LocalFile): {@code schema.fields} (an object of name → type, nested objects for rows)
 * or the newer {@code schema.columns} (a list of {@code {name, type}}, which keeps its order even
 * when the config has been re-rendered; see {@link ConfigOrder}).
 */
public final class SchemaConfig {
  public static final OptionSpec SCHEMA = OptionSpec.key("schema").type(OptionType.OBJECT)
      .description("The rows' fields: schema { fields { name = string, age = int, ... } } or "
          + "schema { columns = [{name = name, type = string}, ...] }");

  private SchemaConfig() {}

  /**
   * The schema, or empty when the option is absent.
   *
   * @throws IllegalArgumentException naming {@code schema} and the field that is wrong
   */
  public static Optional<RowType> read(Config config) {
    if (!config.hasPath("schema")) {
      return Optional.empty();
    }
    try {
      if (config.hasPath("schema.columns")) {
        return Optional.of(columns(config.getConfigList("schema.columns")));
      }
      if (config.hasPath("schema.fields")) {
        return Optional.of(rowType(config.getObject("schema.fields"), "schema.fields"));
      }
    } catch (ConfigException e) {
      throw new IllegalArgumentException("option 'schema': " + e.getMessage(), e);
    }
    throw new IllegalArgumentException(
        "option 'schema' needs 'fields' (schema { fields { id = int } }) or 'columns'");
  }

  /** A row type from an object of name → type name (or nested object), in the order written. */
  public static RowType rowType(ConfigObject fields, String path) {
    List<RowType.Field> list = new ArrayList<>();
    for (Map.Entry<String, ConfigValue> e : ConfigOrder.entries(fields)) {
      String where = path + "." + e.getKey();
      list.add(new RowType.Field(e.getKey(), type(e.getValue(), where)));
    }
    if (list.isEmpty()) {
      throw new IllegalArgumentException("option '" + path + "' declares no field");
    }
    return new RowType(list);
  }

  private static DataType type(ConfigValue value, String where) {
    if (value.valueType() == ConfigValueType.OBJECT) {
      return rowType((ConfigObject) value, where);
    }
    if (value.valueType() != ConfigValueType.STRING) {
      throw new IllegalArgumentException("option '" + where + "': a type name like \"int\" or an "
          + "object of fields is expected, got " + value.render(ConfigRenderOptions.concise()));
    }
    try {
      return DataTypes.parse((String) value.unwrapped());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("option '" + where + "': " + e.getMessage(), e);
    }
  }

  private static RowType columns(List<? extends Config> columns) {
    List<RowType.Field> list = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      Config column = columns.get(i);
      String where = "schema.columns[" + i + "]";
      if (!column.hasPath("name") || !column.hasPath("type")) {
        throw new IllegalArgumentException("option '" + where + "' needs 'name' and 'type'");
      }
      list.add(new RowType.Field(column.getString("name"), type(column.getValue("type"), where + ".type")));
    }
    return new RowType(list);
  }
}
