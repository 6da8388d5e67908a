package io.atoll.runtime.job.config;

import io.atoll.runtime.job.config.HoconLexer.Token;
import io.atoll.runtime.job.config.HoconLexer.Type;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Bounds how deeply a job's objects and arrays nest, before any recursive walk (ours or Typesafe
 * Config's) sees the text: a body of a few hundred thousand nested brackets would otherwise
 * overflow the parsing thread's stack. A dotted key ({@code a.b.c = 1}) nests one level per dot,
 * and a substitution's path ({@code ${a.b.c}}) is walked as deep, so both count. No real job nests
 * anywhere near the limit.
 */
final class Nesting {
  static final int MAX_DEPTH = 64;

  private Nesting() {}

  /** @return false (with the problem reported) when the text nests deeper than {@link #MAX_DEPTH} */
  static boolean check(List<Token> tokens, Problems problems) {
    Deque<Type> open = new ArrayDeque<>(); // the containers around the current token
    boolean inValue = false; // after a key's separator, until the next key
    int keyDots = 0; // dots of the key being read
    for (Token t : tokens) {
      int depth = open.size();
      switch (t.type()) {
        case OPEN_BRACE, OPEN_BRACKET -> {
          open.push(t.type());
          depth = open.size() + keyDots;
          inValue = false;
          keyDots = 0;
        }
        case CLOSE_BRACE, CLOSE_BRACKET -> {
          open.poll();
          inValue = false;
          keyDots = 0;
        }
        case SEPARATOR -> inValue = true;
        case NEWLINE, COMMA -> {
          inValue = false;
          keyDots = 0;
        }
        case UNQUOTED -> {
          if (!inValue && open.peek() != Type.OPEN_BRACKET) {
            keyDots += dots(t.text());
            depth += keyDots;
          }
        }
        case SUBSTITUTION -> depth += dots(t.text());
        default -> { }
      }
      if (depth > MAX_DEPTH) {
        problems.add(t.line(), "syntax", "objects and arrays (a dotted key or path counts a level per dot) "
            + "nest deeper than " + MAX_DEPTH + " levels here; a job file needs a few levels, flatten the structure");
        return false;
      }
    }
    return true;
  }

  private static int dots(String text) {
    return (int) text.chars().filter(c -> c == '.').count();
  }
}
