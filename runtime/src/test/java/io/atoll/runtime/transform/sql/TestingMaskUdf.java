package io.atoll.runtime.transform.sql;

import io.atoll.protocol.connector.SqlUdf;
import io.atoll.protocol.data.DataType;
import java.util.List;

/**
 * A UDF found by ServiceLoader on the test classpath: MASK(text[, keep]) replaces all but the last
 * {@code keep} (default 2) characters with '*'; NULL text stays NULL. Refuses a non-string argument.
 */
public final class TestingMaskUdf implements SqlUdf {
  @Override
  public String functionName() {
    return "mask";
  }

  @Override
  public DataType resultType(List<DataType> argTypes) {
    if (argTypes.isEmpty() || argTypes.size() > 2 || argTypes.get(0) != DataType.Basic.STRING) {
      throw new IllegalArgumentException("MASK takes (string[, int]), got " + argTypes.stream().map(DataType::sqlName).toList());
    }
    return DataType.Basic.STRING;
  }

  @Override
  public Object evaluate(List<Object> args) {
    if (args.get(0) == null) {
      return null;
    }
    String text = (String) args.get(0);
    int keep = args.size() > 1 && args.get(1) != null ? ((Number) args.get(1)).intValue() : 2;
    int masked = Math.max(0, text.length() - keep);
    return "*".repeat(masked) + text.substring(masked);
  }
}
