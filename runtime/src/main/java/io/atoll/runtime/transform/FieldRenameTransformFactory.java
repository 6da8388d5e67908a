package io.atoll.runtime.transform;

import com.typesafe.config.Config;
import io.atoll.protocol.connector.Collector;
import io.atoll.protocol.connector.OptionSpec;
import io.atoll.protocol.connector.Transform;
import io.atoll.protocol.connector.TransformFactory;
import io.atoll.protocol.data.Row;
import io.atoll.protocol.data.RowType;
import java.util.ArrayList;
import java.util.List;

/**
 * SeaTunnel's {@code FieldRename} transform: renames every field by the {@link NameRules}
 * ({@code convert_case}, {@code prefix}, {@code suffix}, {@code replacements_with_regex},
 * {@code specific}); values and order are unchanged. Two fields renamed to one name are refused at
 * validation, where SeaTunnel would fail later on the duplicate column.
 */
public final class FieldRenameTransformFactory implements TransformFactory {

  @Override
  public String name() {
    return "FieldRename";
  }

  @Override
  public List<OptionSpec> options() {
    return NameRules.OPTIONS;
  }

  @Override
  public List<String> validate(Config config, RowType input) {
    List<String> problems = new ArrayList<>();
    produced(config, input, problems);
    return problems;
  }

  private static RowType produced(Config config, RowType input, List<String> problems) {
    NameRules rules = NameRules.read(config, problems);
    if (!problems.isEmpty()) {
      return null;
    }
    List<RowType.Field> fields = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (RowType.Field field : input.fields()) {
      String renamed = rules.apply(field.name());
      if (renamed.isEmpty()) {
        problems.add("options 'replacements_with_regex' / 'specific' turn field '" + field.name()
            + "' into an empty name");
      }
      names.add(renamed);
      fields.add(new RowType.Field(renamed, field.type()));
    }
    InputFields.requireDistinct("replacements_with_regex", names, problems);
    return problems.isEmpty() ? new RowType(fields) : null;
  }

  @Override
  public Transform createTransform(Config config, RowType input) {
    List<String> problems = new ArrayList<>();
    RowType produced = produced(config, input, problems);
    if (!problems.isEmpty()) {
      throw InputFields.invalid("FieldRename", problems);
    }
    return new Renamed(produced);
  }

  /** Rows pass unchanged; only the schema's names differ. */
  private record Renamed(RowType producedType) implements Transform {
    @Override
    public void process(Row row, Collector out) {
      out.collect(row);
    }
  }
}
