package io.atoll.protocol.job;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A validated plugin option as the job file wrote it: typed, immutable, with the line it was
 * written on, and objects keep their keys in the file's order. This is what travels to the master
 * and the workers, so nothing downstream parses job text again and every message can name the
 * user's file and line.
 *
 * <p>{@code line} is 1-based; 0 when the value has no line of its own (a value filled in from a
 * variable takes the line of what surrounds it).
 */
public sealed interface OptionValue extends java.io.Serializable {
  int line();

  /** A string. */
  record Text(String value, int line) implements OptionValue {
    public Text {
      Objects.requireNonNull(value, "value");
    }
  }

  /**
   * A number, as written ({@code 5}, {@code 1.5}, {@code 1e3}): {@link #number()} gives it as
   * Typesafe Config would (Integer, then Long, then Double).
   */
  record Numeric(String text, int line) implements OptionValue {
    public Numeric {
      Objects.requireNonNull(text, "text");
      parse(text); // refuse what is no number now, not on a worker
    }

    public Number number() {
      return parse(text);
    }

    private static Number parse(String text) {
      try {
        long whole = Long.parseLong(text);
        return whole == (int) whole ? (Number) (int) whole : (Number) whole;
      } catch (NumberFormatException notWhole) {
        return Double.parseDouble(text);
      }
    }
  }

  record Bool(boolean value, int line) implements OptionValue {}

  /** An explicit {@code null}: for Typesafe Config the option is then not set. */
  record Null(int line) implements OptionValue {}

  record ListOf(List<OptionValue> items, int line) implements OptionValue {
    public ListOf {
      items = List.copyOf(items);
    }
  }

  /** An object's members in the order the file wrote them; keys are unique. */
  record ObjectOf(List<Member> members, int line) implements OptionValue {
    public ObjectOf {
      members = List.copyOf(members);
      Set<String> keys = new HashSet<>();
      for (Member m : members) {
        if (!keys.add(m.key())) {
          throw new IllegalArgumentException("key '" + m.key() + "' is given twice");
        }
      }
    }

    public static final ObjectOf EMPTY = new ObjectOf(List.of(), 0);

    public Optional<OptionValue> get(String key) {
      return members.stream().filter(m -> m.key().equals(key)).map(Member::value).findFirst();
    }

    public List<String> keys() {
      return members.stream().map(Member::key).toList();
    }
  }

  record Member(String key, OptionValue value) implements java.io.Serializable {
    public Member {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
    }
  }
}
