package io.atoll.runtime.transform;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.atoll.protocol.connector.OptionSpec;
import io.atoll.protocol.connector.OptionType;
import io.atoll.protocol.connector.PluginConfigs;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The renaming rules SeaTunnel's {@code FieldRename} (and {@code TableRename}) apply to a name, in
 * SeaTunnel's order: a {@code specific} rule naming the whole name wins outright; otherwise the
 * last {@code replacements_with_regex} rule that matches the original name has every match
 * replaced, {@code convert_case} changes the rest, then {@code prefix} and {@code suffix} are added.
 * Replacement text is inserted as written (not case-converted) and trimmed, as SeaTunnel does.
 */
record NameRules(CaseChange convertCase, String prefix, String suffix, List<Replacement> replacements,
                 Map<String, String> specific) {

  enum CaseChange { NONE, UPPER, LOWER }

  /** replace_from is a Java regex, or with {@code is_regex = false} a whole name. */
  record Replacement(Pattern from, String exact, String to) {}

  static final OptionSpec CONVERT_CASE = OptionSpec.key("convert_case").allowedValues("UPPER", "LOWER")
      .description("UPPER or LOWER");
  static final OptionSpec PREFIX = OptionSpec.key("prefix").description("Text put before every name");
  static final OptionSpec SUFFIX = OptionSpec.key("suffix").description("Text put after every name");
  static final OptionSpec REPLACEMENTS = OptionSpec.key("replacements_with_regex").type(OptionType.OBJECT_LIST)
      .description("[{ replace_from = regex, replace_to = text, is_regex = true }]; the last matching rule applies");
  static final OptionSpec SPECIFIC = OptionSpec.key("specific").type(OptionType.OBJECT_LIST)
      .description("[{ field_name = old, target_name = new }]; wins over every other rule");

  static final List<OptionSpec> OPTIONS = List.of(CONVERT_CASE, PREFIX, SUFFIX, REPLACEMENTS, SPECIFIC);

  /** Reads the rules, adding a problem (naming the option) for each bad one. */
  static NameRules read(Config config, List<String> problems) {
    CaseChange change = CaseChange.NONE;
    String convert = PluginConfigs.string(config, CONVERT_CASE);
    if (convert != null) {
      switch (convert.trim().toUpperCase(Locale.ROOT)) {
        case "UPPER" -> change = CaseChange.UPPER;
        case "LOWER" -> change = CaseChange.LOWER;
        default -> problems.add("option 'convert_case' must be UPPER or LOWER, got '" + convert + "'");
      }
    }
    String prefix = trimmed(PluginConfigs.string(config, PREFIX));
    String suffix = trimmed(PluginConfigs.string(config, SUFFIX));
    List<Replacement> replacements = new ArrayList<>();
    for (Config rule : objects(config, REPLACEMENTS.name(), problems)) {
      String from = text(rule, "replace_from", REPLACEMENTS.name(), problems);
      String to = text(rule, "replace_to", REPLACEMENTS.name(), problems);
      boolean regex = !rule.hasPath("is_regex") || bool(rule, "is_regex", problems);
      if (from == null || to == null || from.isEmpty()) {
        continue;
      }
      if (!regex) {
        replacements.add(new Replacement(null, from, to.trim()));
        continue;
      }
      try {
        replacements.add(new Replacement(Pattern.compile(from), null, to.trim()));
      } catch (PatternSyntaxException e) {
        problems.add("option 'replacements_with_regex': replace_from '" + from + "' is not a valid regex: "
            + e.getDescription());
      }
    }
    Map<String, String> specific = new java.util.LinkedHashMap<>();
    for (Config rule : objects(config, SPECIFIC.name(), problems)) {
      String field = text(rule, "field_name", SPECIFIC.name(), problems);
      String target = text(rule, "target_name", SPECIFIC.name(), problems);
      if (field != null && target != null) {
        specific.putIfAbsent(field, target);
      }
    }
    return new NameRules(change, prefix, suffix, List.copyOf(replacements), Map.copyOf(specific));
  }

  String apply(String name) {
    String target = specific.get(name);
    if (target != null) {
      return target;
    }
    List<int[]> spans = List.of();
    String to = "";
    for (Replacement r : replacements) {
      List<int[]> found = matches(r, name);
      if (!found.isEmpty()) {
        spans = found;
        to = r.to();
      }
    }
    StringBuilder out = new StringBuilder(prefix);
    int at = 0;
    for (int[] span : spans) {
      out.append(changeCase(name.substring(at, span[0]))).append(to);
      at = span[1];
    }
    out.append(changeCase(name.substring(at))).append(suffix);
    return out.toString();
  }

  private static List<int[]> matches(Replacement r, String name) {
    if (r.from() == null) {
      return r.exact().equals(name) ? List.<int[]>of(new int[] {0, name.length()}) : List.of();
    }
    List<int[]> spans = new ArrayList<>();
    Matcher m = r.from().matcher(name);
    while (m.find()) {
      spans.add(new int[] {m.start(), m.end()});
    }
    return spans;
  }

  private String changeCase(String text) {
    return switch (convertCase) {
      case UPPER -> text.toUpperCase(Locale.ROOT);
      case LOWER -> text.toLowerCase(Locale.ROOT);
      case NONE -> text;
    };
  }

  private static String trimmed(String text) {
    return text == null ? "" : text.trim();
  }

  private static List<Config> objects(Config config, String option, List<String> problems) {
    if (!config.hasPath(option)) {
      return List.of();
    }
    List<Config> out = new ArrayList<>();
    if (config.getValue(option).valueType() != ConfigValueType.LIST) {
      problems.add("option '" + option + "' must be a list of objects");
      return out;
    }
    int i = 0;
    for (ConfigValue v : config.getList(option)) {
      if (v.valueType() == ConfigValueType.OBJECT) {
        out.add(((com.typesafe.config.ConfigObject) v).toConfig());
      } else {
        problems.add("option '" + option + "': entry " + (i + 1) + " must be an object");
      }
      i++;
    }
    return out;
  }

  private static String text(Config rule, String key, String option, List<String> problems) {
    if (!rule.hasPath(key)) {
      problems.add("option '" + option + "': every entry needs '" + key + "'");
      return null;
    }
    try {
      return rule.getString(key);
    } catch (ConfigException.WrongType e) {
      problems.add("option '" + option + "': '" + key + "' must be a string");
      return null;
    }
  }

  private static boolean bool(Config rule, String key, List<String> problems) {
    try {
      return rule.getBoolean(key);
    } catch (ConfigException.WrongType e) {
      problems.add("option 'replacements_with_regex': '" + key + "' must be true or false");
      return true;
    }
  }
}
