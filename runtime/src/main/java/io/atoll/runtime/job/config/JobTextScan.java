package io.atoll.runtime.job.config;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigUtil;
import io.atoll.protocol.connector.PluginKind;
import io.atoll.runtime.job.config.HoconLexer.Token;
import io.atoll.runtime.job.config.HoconLexer.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one walk over a job file's {@link HoconLexer} tokens before Typesafe Config parses it. It
 * learns in a single pass what HOCON would merge or forget:
 *
 * <ul>
 *   <li><b>Plugin blocks named twice.</b> SeaTunnel lets a block name the same plugin twice
 *       ({@code source { FakeSource {..} FakeSource {..} }}), but HOCON merges duplicate keys. Each
 *       plugin block's key is renamed to a unique quoted key carrying its name and its position in
 *       the file ({@link #decode} reads it back). Only the key is rewritten, on its own line, so
 *       every line Typesafe reports still matches the user's file.
 *   <li><b>Substitutions with their lines.</b> Every unquoted {@code ${...}}, so unresolved variables
 *       are reported all at once and at the right line (Typesafe stops at the first).
 *   <li><b>Key order.</b> Typesafe keeps object members in a hash map, yet SeaTunnel jobs depend on
 *       the written order ({@code schema.fields} is the column order, {@code field_mapper} and Copy's
 *       {@code fields} too). Keys are recorded at the path of their object in order of first
 *       appearance, as HOCON merges them: {@code a.b = 1} records {@code a} at the root and {@code b}
 *       at {@code [a]}; a quoted key is one segment; a list element's path segment is its index
 *       ({@code Integer}); a plugin block's key is recorded renamed, as Typesafe will see it.
 *       Values after {@code +=} and objects reached through substitutions are not recorded.
 * </ul>
 *
 * <p>When the structure cannot be followed (unbalanced brackets: a syntax error), nothing is
 * renamed and the text goes to Typesafe as written, which then reports the error; the keys read up
 * to there are kept.
 */
final class JobTextScan {
  /** Separates a plugin name from its ordinal in a renamed key; no job file contains it. */
  private static final char MARK = '\u0001';

  private static final Pattern MARK_SUFFIX = Pattern.compile(MARK + "\\d+");

  /** An unquoted substitution: its path expression, whether {@code ${?...}}, and its line. */
  record Substitution(String path, boolean optional, int line) {}

  /** A renamed plugin key: the plugin name and its position among its kind's blocks in the file. */
  record BlockKey(String name, int ordinal) {}

  private final String text;
  private final List<Substitution> substitutions;
  private final Map<List<Object>, Set<String>> keys;

  private JobTextScan(String text, List<Substitution> substitutions, Map<List<Object>, Set<String>> keys) {
    this.text = text;
    this.substitutions = List.copyOf(substitutions);
    this.keys = keys;
  }

  static JobTextScan scan(String text) {
    return scan(text, HoconLexer.tokens(text));
  }

  /** @param tokens {@link HoconLexer#tokens} of {@code text} */
  static JobTextScan scan(String text, List<Token> tokens) {
    Walker walker = new Walker(text, tokens);
    String renamed;
    try {
      walker.root();
      renamed = walker.rename();
    } catch (Unbalanced e) {
      renamed = text;
    }
    return new JobTextScan(renamed, walker.substitutions, walker.keys);
  }

  /** The text to parse, with plugin keys renamed. */
  String text() {
    return text;
  }

  List<Substitution> substitutions() {
    return substitutions;
  }

  /** The keys of the object at {@code path} in the order written; empty when none were seen. */
  List<String> keys(List<Object> path) {
    return List.copyOf(keys.getOrDefault(path, Set.of()));
  }

  /** The plugin name and file position of a key renamed by {@link #scan}, if it was renamed. */
  static Optional<BlockKey> decode(String key) {
    int mark = key.lastIndexOf(MARK);
    if (mark < 0) {
      return Optional.empty();
    }
    return Optional.of(new BlockKey(key.substring(0, mark), Integer.parseInt(key.substring(mark + 1))));
  }

  /** A Typesafe message with renamed keys shown as the user wrote them. */
  static String clean(String message) {
    return MARK_SUFFIX.matcher(message).replaceAll("");
  }

  /** The text's structure cannot be followed; Typesafe will report why. */
  private static final class Unbalanced extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unbalanced() {
      super(null, null, false, false);
    }
  }

  /** What an object is: the root, a kind's block under the root, anything else. */
  private enum Role { ROOT, KIND, OTHER }

  /** The recursive descent; its depth is bounded by {@link Nesting}, checked before. */
  private static final class Walker {
    private final String text;
    private final List<Token> tokens;
    private final List<Substitution> substitutions = new ArrayList<>();
    private final Map<List<Object>, Set<String>> keys = new HashMap<>();
    /** Plugin keys to rename, in file order, with what they become. */
    private final Map<Token, String> renames = new LinkedHashMap<>();
    private final Map<PluginKind, Integer> ordinals = new EnumMap<>(PluginKind.class);
    private PluginKind currentKind;
    private int pos;

    Walker(String text, List<Token> tokens) {
      this.text = text;
      this.tokens = tokens;
      for (Token t : tokens) {
        if (t.type() == Type.SUBSTITUTION) {
          boolean optional = t.text().startsWith("?");
          substitutions.add(new Substitution((optional ? t.text().substring(1) : t.text()).trim(), optional,
              t.line()));
        }
      }
    }

    String rename() {
      StringBuilder out = new StringBuilder(text.length() + 16 * renames.size());
      int copied = 0;
      for (Map.Entry<Token, String> e : renames.entrySet()) {
        out.append(text, copied, e.getKey().start()).append(ConfigUtil.quoteString(e.getValue()));
        copied = e.getKey().end();
      }
      return out.append(text, copied, text.length()).toString();
    }

    void root() {
      skip(Type.NEWLINE);
      if (is(Type.OPEN_BRACE)) {
        pos++;
        object(Role.ROOT, List.of(), true);
      } else {
        object(Role.ROOT, List.of(), false);
      }
    }

    /** @param path where this object sits; null when its keys are not recorded */
    private void object(Role role, List<Object> path, boolean braced) {
      while (true) {
        while (is(Type.NEWLINE) || is(Type.COMMA)) {
          pos++;
        }
        if (pos >= tokens.size() || is(Type.CLOSE_BRACE)) {
          if (braced != is(Type.CLOSE_BRACE)) {
            throw new Unbalanced();
          }
          pos++;
          return;
        }
        int keyStart = pos;
        while (is(Type.UNQUOTED) || is(Type.STRING) || is(Type.OTHER)) {
          pos++;
        }
        if (keyStart == pos) {
          throw new Unbalanced();
        }
        int keyEnd = pos;
        List<Token> key = tokens.subList(keyStart, keyEnd);
        boolean append = false;
        if (is(Type.SEPARATOR)) {
          append = tokens.get(pos).text().equals("+=");
          pos++;
          skip(Type.NEWLINE);
        }
        Role childRole = is(Type.OPEN_BRACE) ? childRole(role, key) : Role.OTHER;
        String renamed = renames.get(key.get(0));
        List<String> segments = renamed != null ? List.of(renamed) : segments(path, keyStart, keyEnd);
        List<Object> valuePath = record(path, segments);
        value(childRole, append ? null : valuePath);
      }
    }

    /** A kind's block under the root; a plugin block (renamed) under a kind's block. */
    private Role childRole(Role parent, List<Token> key) {
      String name = key.size() == 1 ? keyText(key.get(0)) : null;
      if (name == null) {
        return Role.OTHER;
      }
      if (parent == Role.ROOT) {
        for (PluginKind kind : PluginKind.values()) {
          if (kind.block().equals(name)) {
            currentKind = kind;
            return Role.KIND;
          }
        }
      } else if (parent == Role.KIND && !(key.get(0).type() == Type.UNQUOTED && name.contains("."))) {
        int ordinal = ordinals.merge(currentKind, 1, Integer::sum) - 1;
        renames.put(key.get(0), name + MARK + ordinal);
      }
      return Role.OTHER;
    }

    /** @param role of the first object of the value; later ones (concatenated) are {@code OTHER} */
    private void value(Role role, List<Object> path) {
      int index = 0; // list elements, counted across a concatenation [a] [b]
      boolean first = true;
      while (pos < tokens.size() && !is(Type.NEWLINE) && !is(Type.COMMA) && !is(Type.CLOSE_BRACE)) {
        if (is(Type.OPEN_BRACE)) {
          pos++;
          object(first ? role : Role.OTHER, path, true);
        } else if (is(Type.OPEN_BRACKET)) {
          pos++;
          index = list(path, index);
        } else if (is(Type.CLOSE_BRACKET)) {
          throw new Unbalanced();
        } else {
          pos++;
        }
        first = false;
      }
    }

    /** Reads list elements up to the closing bracket; returns the next element's index. */
    private int list(List<Object> path, int index) {
      while (true) {
        while (is(Type.NEWLINE) || is(Type.COMMA)) {
          pos++;
        }
        if (pos >= tokens.size() || is(Type.CLOSE_BRACE)) {
          throw new Unbalanced();
        }
        if (is(Type.CLOSE_BRACKET)) {
          pos++;
          return index;
        }
        List<Object> element = path == null ? null : append(path, index);
        int nested = 0;
        while (pos < tokens.size() && !is(Type.NEWLINE) && !is(Type.COMMA) && !is(Type.CLOSE_BRACKET)) {
          if (is(Type.OPEN_BRACE)) {
            pos++;
            object(Role.OTHER, element, true);
          } else if (is(Type.OPEN_BRACKET)) {
            pos++;
            nested = list(element, nested);
          } else if (is(Type.CLOSE_BRACE)) {
            throw new Unbalanced();
          } else {
            pos++;
          }
        }
        index++;
      }
    }

    /** Records each segment of a key under its parent path; returns the path of the key's value. */
    private List<Object> record(List<Object> path, List<String> segments) {
      if (path == null || segments == null) {
        return null;
      }
      List<Object> at = path;
      for (String segment : segments) {
        keys.computeIfAbsent(at, p -> new LinkedHashSet<>()).add(segment);
        at = append(at, segment);
      }
      return at;
    }

    /**
     * The path segments of the key written in tokens [from, to), read by Typesafe's own path
     * parser so quoting, escapes and inner whitespace mean what they mean to the parser; null when
     * it is no valid key (Typesafe reports that). A plugin block's own keys are split at dots
     * like {@link DottedKeys} does, since that is how the block is later read.
     */
    private List<String> segments(List<Object> path, int from, int to) {
      String written = text.substring(tokens.get(from).start(), tokens.get(to - 1).end());
      List<String> segments;
      try {
        segments = ConfigUtil.splitPath(written);
      } catch (ConfigException e) {
        return null;
      }
      if (path == null || !pluginBlock(path) || !segments.get(0).contains(".")) {
        return segments;
      }
      List<String> split = new ArrayList<>(Arrays.asList(segments.get(0).split("\\.", -1)));
      split.addAll(segments.subList(1, segments.size()));
      return split;
    }

    /** A plugin block's path: {@code [source, <key>]}, or {@code [source, <index>]} in the list form. */
    private static boolean pluginBlock(List<Object> path) {
      return path.size() == 2 && Arrays.stream(PluginKind.values()).anyMatch(k -> k.block().equals(path.get(0)));
    }

    /**
     * The key a single token stands for, or null when it is not a plain name (escapes, triple
     * quotes): such keys are left for Typesafe to read as usual.
     */
    private static String keyText(Token token) {
      String raw = token.text();
      if (token.type() == Type.UNQUOTED) {
        return raw;
      }
      if (token.type() == Type.STRING && raw.length() >= 2 && raw.endsWith("\"")
          && !raw.startsWith("\"\"\"") && raw.indexOf('\\') < 0) {
        return raw.substring(1, raw.length() - 1);
      }
      return null;
    }

    private boolean is(Type type) {
      return pos < tokens.size() && tokens.get(pos).type() == type;
    }

    private void skip(Type type) {
      while (is(type)) {
        pos++;
      }
    }

    private static List<Object> append(List<Object> path, Object segment) {
      List<Object> child = new ArrayList<>(path);
      child.add(segment);
      return List.copyOf(child);
    }
  }
}
