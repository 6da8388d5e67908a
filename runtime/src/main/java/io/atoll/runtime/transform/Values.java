package io.atoll.runtime.transform;

import io.atoll.protocol.data.Row;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Copies of field values that share nothing mutable with the original. */
final class Values {
  private Values() {}

  static Object deepCopy(Object value) {
    if (value instanceof byte[] bytes) {
      return bytes.clone();
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      list.forEach(v -> copy.add(deepCopy(v)));
      return copy;
    }
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(deepCopy(k), deepCopy(v)));
      return copy;
    }
    if (value instanceof Row row) {
      Object[] fields = row.values();
      for (int i = 0; i < fields.length; i++) {
        fields[i] = deepCopy(fields[i]);
      }
      return new Row(row.kind(), fields);
    }
    return value;
  }
}
