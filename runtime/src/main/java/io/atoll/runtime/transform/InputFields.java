package io.atoll.runtime.transform;

import io.atoll.protocol.data.RowType;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The checks every transform makes of the field names it is given, with one wording for all. */
final class InputFields {
  private InputFields() {}

  /** Adds a problem for each name not in the input. */
  static void requireAll(String option, Collection<String> names, RowType input, List<String> problems) {
    for (String name : names) {
      require(option, name, input, problems);
    }
  }

  static boolean require(String option, String name, RowType input, List<String> problems) {
    if (input.indexOf(name) >= 0) {
      return true;
    }
    problems.add("option '" + option + "': field '" + name + "' is not in the input; input fields: "
        + String.join(", ", input.names()));
    return false;
  }

  /** Adds a problem for each new name that exists in the input already or is given twice. */
  static void requireNew(String option, Collection<String> names, RowType input, List<String> problems) {
    Set<String> seen = new HashSet<>();
    for (String name : names) {
      if (input.indexOf(name) >= 0) {
        problems.add("option '" + option + "': field '" + name + "' exists in the input already");
      } else if (!seen.add(name)) {
        problems.add("option '" + option + "': field '" + name + "' is named twice");
      }
    }
  }

  /** Adds a problem for each name given twice. */
  static void requireDistinct(String option, Collection<String> names, List<String> problems) {
    Set<String> seen = new HashSet<>();
    for (String name : names) {
      if (!seen.add(name)) {
        problems.add("option '" + option + "': field '" + name + "' is named twice");
      }
    }
  }

  static IllegalArgumentException invalid(String plugin, List<String> problems) {
    return new IllegalArgumentException(plugin + ": " + String.join("; ", problems));
  }
}
