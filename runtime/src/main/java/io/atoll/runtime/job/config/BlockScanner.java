package io.atoll.runtime.job.config;

import com.typesafe.config.ConfigUtil;
import io.atoll.protocol.connector.PluginKind;
import io.atoll.runtime.job.config.HoconLexer.Token;
import io.atoll.runtime.job.config.HoconLexer.Type;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Prepares a job file's text for Typesafe Config without losing what HOCON would merge away.
 *
 * <p>SeaTunnel lets a block name the same plugin twice ({@code source { FakeSource {..}
 * FakeSource {..} }}), but HOCON merges duplicate object keys into one object. So before parsing,
 * each plugin block's key is renamed to a unique quoted key carrying its name and its position in
 * the file ({@link #decode} reads it back). Only the key is rewritten, on its own line, so every
 * line number Typesafe reports still matches the user's file.
 *
 * <p>The scan also records every unquoted {@code ${...}} substitution with its line, so unresolved
 * variables can be reported all at once and at the right line (Typesafe stops at the first).
 *
 * <p>When the structure cannot be followed (unbalanced braces: a syntax error), nothing is renamed
 * and the text goes to Typesafe as written, which then reports the syntax error.
 */
final class BlockScanner extends TokenWalker {
  /** Separates a plugin name from its ordinal in a renamed key; no job file contains it. */
  private static final char MARK = '\u0001';

  private static final Pattern MARK_SUFFIX = Pattern.compile(MARK + "\\d+");

  /** An unquoted substitution: its path expression, whether {@code ${?...}}, and its line. */
  record Substitution(String path, boolean optional, int line) {}

  /** The text to parse, with plugin keys renamed, and the substitutions found. */
  record Result(String text, List<Substitution> substitutions) {}

  /** A renamed plugin key: the plugin name and its position among its kind's blocks in the file. */
  record BlockKey(String name, int ordinal) {}

  private enum Role { ROOT, KIND, OTHER }

  private final List<Token> pluginKeys = new ArrayList<>();
  private final Map<Token, PluginKind> kindOf = new IdentityHashMap<>();
  private PluginKind currentKind;

  private BlockScanner(List<Token> tokens) {
    super(tokens);
  }

  static Result scan(String text) {
    List<Token> tokens = HoconLexer.tokens(text);
    List<Substitution> substitutions = new ArrayList<>();
    for (Token t : tokens) {
      if (t.type() == Type.SUBSTITUTION) {
        boolean optional = t.text().startsWith("?");
        substitutions.add(new Substitution((optional ? t.text().substring(1) : t.text()).trim(), optional, t.line()));
      }
    }
    BlockScanner scanner = new BlockScanner(tokens);
    try {
      scanner.root();
    } catch (Unbalanced e) {
      return new Result(text, substitutions);
    }
    return new Result(scanner.rename(text), substitutions);
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

  private String rename(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16 * pluginKeys.size());
    Map<PluginKind, Integer> ordinals = new EnumMap<>(PluginKind.class);
    int copied = 0;
    for (Token key : pluginKeys) {
      int ordinal = ordinals.merge(kindOf.get(key), 1, Integer::sum) - 1;
      out.append(text, copied, key.start()).append(ConfigUtil.quoteString(keyText(key) + MARK + ordinal));
      copied = key.end();
    }
    return out.append(text, copied, text.length()).toString();
  }

  private void root() {
    skip(Type.NEWLINE);
    if (is(Type.OPEN_BRACE)) {
      pos++;
      object(Role.ROOT, true);
    } else {
      object(Role.ROOT, false);
    }
  }

  private void object(Role role, boolean braced) {
    while (true) {
      while (is(Type.NEWLINE) || is(Type.COMMA)) {
        pos++;
      }
      if (pos >= tokens.size()) {
        if (braced) {
          throw new Unbalanced();
        }
        return;
      }
      if (is(Type.CLOSE_BRACE)) {
        if (!braced) {
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
      List<Token> key = tokens.subList(keyStart, pos);
      if (is(Type.SEPARATOR)) {
        pos++;
        skip(Type.NEWLINE);
      }
      value(role, key);
    }
  }

  private void value(Role role, List<Token> key) {
    boolean first = true;
    while (pos < tokens.size() && !is(Type.NEWLINE) && !is(Type.COMMA) && !is(Type.CLOSE_BRACE)) {
      if (is(Type.OPEN_BRACE)) {
        pos++;
        object(first ? childRole(role, key) : Role.OTHER, true);
      } else if (is(Type.OPEN_BRACKET)) {
        pos++;
        skipList();
      } else if (is(Type.CLOSE_BRACKET)) {
        throw new Unbalanced();
      } else {
        pos++;
      }
      first = false;
    }
  }

  /** What an object value is: a kind's block under the root, a plugin block under a kind's block. */
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
      pluginKeys.add(key.get(0));
      kindOf.put(key.get(0), currentKind);
    }
    return Role.OTHER;
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

  private void skipList() {
    int depth = 1;
    while (depth > 0) {
      if (pos >= tokens.size()) {
        throw new Unbalanced();
      }
      Type type = tokens.get(pos++).type();
      if (type == Type.OPEN_BRACKET || type == Type.OPEN_BRACE) {
        depth++;
      } else if (type == Type.CLOSE_BRACKET || type == Type.CLOSE_BRACE) {
        depth--;
      }
    }
  }
}
