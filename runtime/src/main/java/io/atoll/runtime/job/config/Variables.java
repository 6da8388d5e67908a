package io.atoll.runtime.job.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import io.atoll.runtime.job.config.JobTextScan.Substitution;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills a job file's variables the way SeaTunnel does ({@code -i key=value}), with the user's
 * variables first and then the process environment:
 *
 * <ul>
 *   <li>unquoted {@code ${day}} / {@code ${?day}} are HOCON substitutions: a path of the file itself
 *       wins, then a variable, then an environment variable;
 *   <li>inside quoted strings ({@code "/data/${day}"}, which HOCON keeps literally) SeaTunnel
 *       replaces {@code ${key}}, {@code ${key:default}} and {@code ${?key}} (empty when unset)
 *       after parsing; SeaTunnel's own table placeholders ({@code ${table_name}} ...) are left for
 *       the sink that fills them.
 * </ul>
 *
 * A variable with no value is kept as written, as SeaTunnel keeps it, and is a warning at the
 * line using it (a problem in strict mode); the sinks' own placeholders are left alone silently.
 */
final class Variables {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(\\??)([^}:]+)(?::([^}]*))?}");

  /** SeaTunnel's sink placeholders, filled per table at run time; never variables. */
  private static final Set<String> TABLE_PLACEHOLDERS = Set.of("database_name", "schema_name",
      "schema_full_name", "table_name", "table_full_name", "primary_key", "unique_key", "field_names");

  /**
   * The LocalFile sink's own placeholders, filled as it writes ({@code file_name_expression =
   * "${transactionId}_${now}"}, {@code partition_dir_expression = "${k0}=${v0}"}); never variables.
   */
  private static final Set<String> FILE_PLACEHOLDERS = Set.of("transactionId", "now", "uuid");
  private static final Pattern PARTITION_PLACEHOLDER = Pattern.compile("[kv](\\d+|n)");

  private final Map<String, String> variables;
  private final Map<String, String> environment;
  private final Problems problems;
  /** name@line of every variable reported missing, so a use seen twice is reported once. */
  private final Set<String> reported = new HashSet<>();

  Variables(Map<String, String> variables, Map<String, String> environment, Problems problems) {
    this.variables = variables;
    this.environment = environment;
    this.problems = problems;
  }

  /** The parsed file with every variable filled in, or null when Typesafe could not resolve it. */
  Config resolve(Config parsed, List<Substitution> substitutions) {
    Config fallback = ConfigFactory.empty();
    Set<String> seen = new HashSet<>();
    for (Substitution s : substitutions) {
      if (definedInFile(parsed.root(), s.path())) {
        continue;
      }
      String value = lookup(s.path());
      if (value == null && s.optional()) {
        continue;
      }
      if (value == null) {
        if (!isPlaceholder(s.path())) {
          missing(s.line(), s.path());
        }
        value = "${" + s.path() + "}";
      }
      if (seen.add(s.path())) {
        try {
          fallback = fallback.withFallback(ConfigValueFactory.fromAnyRef(value, "variable " + s.path()).atPath(s.path()));
        } catch (ConfigException e) {
          problems.add(s.line(), "variable '" + s.path() + "'", "is not a valid path: " + e.getMessage());
        }
      }
    }
    Config resolved;
    try {
      resolved = parsed.withFallback(fallback)
          .resolve(ConfigResolveOptions.defaults().setUseSystemEnvironment(false));
    } catch (ConfigException e) {
      int line = e.origin() == null ? 0 : Math.max(0, e.origin().lineNumber());
      problems.add(line, "variables", JobTextScan.clean(ConfigMessages.withoutOrigin(e)));
      return null;
    }
    return ((ConfigObject) replaceQuoted(resolved.root())).toConfig();
  }

  /** A sink's own placeholder, unless the user gave a variable of that name. */
  private boolean isPlaceholder(String name) {
    return TABLE_PLACEHOLDERS.contains(name) || (!variables.containsKey(name)
        && (FILE_PLACEHOLDERS.contains(name) || PARTITION_PLACEHOLDER.matcher(name).matches()));
  }

  private String lookup(String name) {
    String value = variables.get(name);
    return value != null ? value : environment.get(name);
  }

  /** SeaTunnel keeps a {@code ${name}} it has no value for as written; so does Atoll, with a warning. */
  private void missing(int line, String name) {
    if (!reported.add(name + "@" + line)) {
      return;
    }
    problems.warn(line, "variable '" + name + "'", "has no value, kept as written: pass it as a job variable (-i "
        + name + "=...)" + (environment.isEmpty() ? "" : " or set the environment variable " + name));
  }

  /**
   * Whether the file itself defines the path, so a substitution of it refers to the file, not to a
   * variable. A value the file builds from other substitutions cannot be inspected before
   * resolving; it is the file's own, so it counts as defined.
   */
  private static boolean definedInFile(ConfigObject root, String path) {
    List<String> elements;
    try {
      elements = ConfigUtil.splitPath(path);
    } catch (ConfigException.BadPath e) {
      return false; // not a path of the file; the fallback step reports the bad path
    }
    ConfigValue current = root;
    for (String element : elements) {
      if (!(current instanceof ConfigObject object)) {
        return false;
      }
      try {
        current = object.get(element);
      } catch (ConfigException.NotResolved e) {
        return true;
      }
      if (current == null) {
        return false;
      }
    }
    return true;
  }

  private ConfigValue replaceQuoted(ConfigValue value) {
    if (value instanceof ConfigObject object) {
      ConfigObject result = object;
      for (Map.Entry<String, ConfigValue> e : object.entrySet()) {
        ConfigValue replaced = replaceQuoted(e.getValue());
        if (replaced != e.getValue()) {
          result = result.withValue(e.getKey(), replaced);
        }
      }
      return result;
    }
    if (value instanceof ConfigList list) {
      List<ConfigValue> items = new ArrayList<>();
      boolean changed = false;
      for (ConfigValue item : list) {
        ConfigValue replaced = replaceQuoted(item);
        items.add(replaced);
        changed |= replaced != item;
      }
      return changed ? ConfigValueFactory.fromIterable(items).withOrigin(list.origin()) : list;
    }
    // only the file's own strings (line >= 1): a variable's value is used as given, as in SeaTunnel
    if (value.valueType() == ConfigValueType.STRING && value.origin().lineNumber() >= 1
        && ((String) value.unwrapped()).contains("${")) {
      String text = (String) value.unwrapped();
      String replaced = replacePlaceholders(text, value.origin().lineNumber());
      return replaced.equals(text) ? value : ConfigValueFactory.fromAnyRef(replaced).withOrigin(value.origin());
    }
    return value;
  }

  private String replacePlaceholders(String text, int line) {
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(2).trim();
      String value = isPlaceholder(name) ? m.group() : lookup(name);
      if (value == null) {
        value = m.group(3) != null ? m.group(3) : m.group(1).isEmpty() ? null : "";
      }
      if (value == null) {
        missing(line, name);
        value = m.group();
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }
}
