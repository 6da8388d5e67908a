package io.atoll.protocol.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A row's schema: named, typed fields in order. Also the type of a nested row field. */
public record RowType(List<Field> fields) implements DataType {

  public record Field(String name, DataType type) implements io.atoll.protocol.WireMessage {
    public Field {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(type, "type");
    }
  }

  public RowType {
    fields = List.copyOf(fields);
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (Field f : fields) {
      if (!seen.add(f.name())) {
        throw new IllegalArgumentException("field '" + f.name() + "' appears twice in the schema");
      }
    }
  }

  public static RowType of(Field... fields) {
    return new RowType(List.of(fields));
  }

  public int arity() {
    return fields.size();
  }

  public List<String> names() {
    return fields.stream().map(Field::name).toList();
  }

  /** The position of a field, or -1. */
  public int indexOf(String name) {
    for (int i = 0; i < fields.size(); i++) {
      if (fields.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  public Optional<Field> field(String name) {
    int i = indexOf(name);
    return i < 0 ? Optional.empty() : Optional.of(fields.get(i));
  }

  public DataType typeAt(int i) {
    return fields.get(i).type();
  }

  public RowType plus(Field field) {
    List<Field> more = new ArrayList<>(fields);
    more.add(field);
    return new RowType(more);
  }

  @Override
  public String sqlName() {
    StringBuilder b = new StringBuilder("row<");
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        b.append(", ");
      }
      b.append(fields.get(i).name()).append(' ').append(fields.get(i).type().sqlName());
    }
    return b.append('>').toString();
  }
}
