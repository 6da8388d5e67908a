package io.atoll.runtime.job.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits HOCON (or JSON) text into the few token kinds {@link JobTextScan} needs to see the
 * file's structure: strings and comments are skipped as units so braces inside them do not count.
 * It never fails: on malformed input it produces tokens anyway and leaves the error to Typesafe
 * Config's parser, which reports it with a line number.
 */
final class HoconLexer {
  enum Type { NEWLINE, COMMA, OPEN_BRACE, CLOSE_BRACE, OPEN_BRACKET, CLOSE_BRACKET, SEPARATOR,
    UNQUOTED, STRING, SUBSTITUTION, OTHER }

  /** {@code text} is the token's source text; for a substitution, what is inside {@code ${...}}. */
  record Token(Type type, int start, int end, int line, String text) {}

  private static final String NOT_UNQUOTED = "$\"{}[]:=,+#`^?!@*&\\";

  private final String text;
  private final List<Token> tokens = new ArrayList<>();
  private int pos;
  private int line = 1;

  private HoconLexer(String text) {
    this.text = text;
  }

  static List<Token> tokens(String text) {
    HoconLexer lexer = new HoconLexer(text);
    lexer.run();
    return lexer.tokens;
  }

  private void run() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == '\n') {
        add(Type.NEWLINE, pos + 1);
        line++;
      } else if (Character.isWhitespace(c) || c == '\uFEFF') {
        pos++;
      } else if (c == '#' || text.startsWith("//", pos)) {
        pos = lineEnd(pos);
      } else if (text.startsWith("\"\"\"", pos)) {
        tripleQuoted();
      } else if (c == '"') {
        quoted();
      } else if (text.startsWith("${", pos)) {
        substitution();
      } else if (c == '+' && text.startsWith("+=", pos)) {
        add(Type.SEPARATOR, pos + 2);
      } else if (punctuation(c) != null) {
        add(punctuation(c), pos + 1);
      } else if (unquoted(pos)) {
        int end = pos;
        while (end < text.length() && unquoted(end)) {
          end++;
        }
        add(Type.UNQUOTED, end);
      } else {
        add(Type.OTHER, pos + 1);
      }
    }
  }

  private static Type punctuation(char c) {
    return switch (c) {
      case ',' -> Type.COMMA;
      case '{' -> Type.OPEN_BRACE;
      case '}' -> Type.CLOSE_BRACE;
      case '[' -> Type.OPEN_BRACKET;
      case ']' -> Type.CLOSE_BRACKET;
      case '=', ':' -> Type.SEPARATOR;
      default -> null;
    };
  }

  private boolean unquoted(int i) {
    char c = text.charAt(i);
    return !Character.isWhitespace(c) && NOT_UNQUOTED.indexOf(c) < 0 && !text.startsWith("//", i);
  }

  private void quoted() {
    int end = pos + 1;
    while (end < text.length() && text.charAt(end) != '"' && text.charAt(end) != '\n') {
      end += text.charAt(end) == '\\' ? 2 : 1;
    }
    end = Math.min(end, text.length());
    if (end < text.length() && text.charAt(end) == '"') {
      end++;
    }
    add(Type.STRING, end);
  }

  /** A triple-quoted string ends at the last three quotes of a run, as in HOCON. */
  private void tripleQuoted() {
    int close = text.indexOf("\"\"\"", pos + 3);
    int end;
    if (close < 0) {
      end = text.length();
    } else {
      end = close + 3;
      while (end < text.length() && text.charAt(end) == '"') {
        end++;
      }
    }
    int startLine = line;
    for (int i = pos; i < end; i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    tokens.add(new Token(Type.STRING, pos, end, startLine, text.substring(pos, end)));
    pos = end;
  }

  private void substitution() {
    int end = pos + 2;
    boolean inString = false;
    while (end < text.length() && text.charAt(end) != '\n' && (inString || text.charAt(end) != '}')) {
      if (text.charAt(end) == '"') {
        inString = !inString;
      }
      end++;
    }
    String inside = text.substring(pos + 2, Math.min(end, text.length()));
    int stop = end < text.length() && text.charAt(end) == '}' ? end + 1 : end;
    tokens.add(new Token(Type.SUBSTITUTION, pos, stop, line, inside));
    pos = stop;
  }

  private int lineEnd(int from) {
    int nl = text.indexOf('\n', from);
    return nl < 0 ? text.length() : nl;
  }

  private void add(Type type, int end) {
    tokens.add(new Token(type, pos, end, line, text.substring(pos, end)));
    pos = end;
  }
}
