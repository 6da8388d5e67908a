package io.atoll.runtime.transform.sql;

import com.typesafe.config.Config;
import io.atoll.protocol.connector.OptionSpec;
import io.atoll.protocol.connector.OptionType;
import io.atoll.protocol.connector.PluginConfigs;
import io.atoll.protocol.connector.Transform;
import io.atoll.protocol.connector.TransformFactory;
import io.atoll.protocol.data.RowType;
import java.util.List;

/**
 * SeaTunnel's {@code Sql} transform: {@code query = "select ... from <input table> where ..."}. The
 * query is parsed with JSqlParser and compiled into evaluators once, when the transform is
 * created; validation plans it the same way, so a bad query is refused before submission.
 * The table named after {@code from} is not checked: the transform reads its one input.
 */
public class SqlTransformFactory implements TransformFactory {
  static final OptionSpec QUERY = OptionSpec.key("query").type(OptionType.STRING).required()
      .description("select <expressions> from <input table> [where <condition>]");

  @Override
  public String name() {
    return "Sql";
  }

  @Override
  public List<OptionSpec> options() {
    return List.of(QUERY);
  }

  @Override
  public List<String> validate(Config config, RowType input) {
    if (PluginConfigs.presentPath(config, QUERY).isEmpty()) {
      return List.of("option 'query' is required: query = \"select * from <input table>\"");
    }
    try {
      SqlQuery.plan(PluginConfigs.string(config, QUERY), input);
      return List.of();
    } catch (IllegalArgumentException e) {
      return List.of(e.getMessage());
    }
  }

  @Override
  public Transform createTransform(Config config, RowType input) {
    return new SqlTransform(SqlQuery.plan(PluginConfigs.string(config, QUERY), input));
  }

  /** The same transform under the lower-case name SeaTunnel's files also use. */
  public static final class LowerCase extends SqlTransformFactory {
    @Override
    public String name() {
      return "sql";
    }
  }
}
