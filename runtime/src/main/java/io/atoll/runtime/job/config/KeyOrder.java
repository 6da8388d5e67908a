package io.atoll.runtime.job.config;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigUtil;
import io.atoll.protocol.connector.PluginKind;
import io.atoll.runtime.job.config.HoconLexer.Token;
import io.atoll.runtime.job.config.HoconLexer.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The order in which a job file writes each object's keys. Typesafe Config keeps object members in
 * a hash map, so that order is gone once the file is parsed; yet SeaTunnel jobs depend on it
 * ({@code schema.fields} is the column order, {@code field_mapper} and Copy's {@code fields} too),
 * and SeaTunnel ships a patched Typesafe Config for it. We read it back from the text instead.
 *
 * <p>A path is a list of segments: a {@code String} for an object key, an {@code Integer} for a
 * list element. Keys are recorded at the path of the object they belong to, in order of first
 * appearance, the way HOCON merges them: {@code a.b = 1} records {@code a} at the root and {@code
 * b} at {@code [a]}; a quoted key is one segment. Scan the text Typesafe parses (after {@link
 * BlockScanner} renamed plugin keys), so the keys are exactly the parsed ones.
 *
 * <p>Values after {@code +=} and objects reached through substitutions are not recorded: their
 * place is not known from the text, and the renderer puts unknown keys last.
 */
final class KeyOrder {
  private final Map<List<Object>, Set<String>> keys;

  private KeyOrder(Map<List<Object>, Set<String>> keys) {
    this.keys = keys;
  }

  static KeyOrder scan(String text) {
    Scanner scanner = new Scanner(text);
    try {
      scanner.root();
    } catch (TokenWalker.Unbalanced e) {
      // a syntax error, which Typesafe reports; what was read so far is still right
    }
    return new KeyOrder(scanner.keys);
  }

  /** The keys of the object at {@code path} in the order written; empty when none were seen. */
  List<String> keys(List<Object> path) {
    return List.copyOf(keys.getOrDefault(path, Set.of()));
  }

  /** A plugin block's path: {@code [source, <key>]}, or {@code [source, <index>]} in the list form. */
  private static boolean pluginBlock(List<Object> path) {
    return path.size() == 2 && Arrays.stream(PluginKind.values()).anyMatch(k -> k.block().equals(path.get(0)));
  }

  /** A recursive walk over {@link HoconLexer}'s tokens, following the structure as BlockScanner does. */
  private static final class Scanner extends TokenWalker {
    private final String text;
    private final Map<List<Object>, Set<String>> keys = new HashMap<>();

    Scanner(String text) {
      super(HoconLexer.tokens(text));
      this.text = text;
    }

    void root() {
      skip(Type.NEWLINE);
      if (is(Type.OPEN_BRACE)) {
        pos++;
        object(List.of(), true);
      } else {
        object(List.of(), false);
      }
    }

    /** @param path where this object sits; null when it is not recorded */
    private void object(List<Object> path, boolean braced) {
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
        List<Object> valuePath = record(path, key(path, keyStart, pos));
        if (is(Type.SEPARATOR)) {
          boolean append = tokens.get(pos).text().equals("+=");
          pos++;
          skip(Type.NEWLINE);
          value(append ? null : valuePath);
        } else {
          value(valuePath);
        }
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
    private List<String> key(List<Object> path, int from, int to) {
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

    private void value(List<Object> path) {
      int index = 0; // list elements, counted across a concatenation [a] [b]
      while (pos < tokens.size() && !is(Type.NEWLINE) && !is(Type.COMMA) && !is(Type.CLOSE_BRACE)) {
        if (is(Type.OPEN_BRACE)) {
          pos++;
          object(path, true);
        } else if (is(Type.OPEN_BRACKET)) {
          pos++;
          index = list(path, index);
        } else if (is(Type.CLOSE_BRACKET)) {
          throw new Unbalanced();
        } else {
          pos++;
        }
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
            object(element, true);
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

    private static List<Object> append(List<Object> path, Object segment) {
      List<Object> child = new ArrayList<>(path);
      child.add(segment);
      return List.copyOf(child);
    }
  }
}
