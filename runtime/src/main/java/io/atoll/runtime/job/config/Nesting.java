package io.atoll.runtime.job.config;

import io.atoll.runtime.job.config.HoconLexer.Token;
import java.util.List;

/**
 * Bounds how deeply a job's objects and arrays nest, before any recursive walk (ours or Typesafe
 * Config's) sees the text: a body of a few hundred thousand nested brackets would otherwise
 * overflow the parsing thread's stack. No real job nests anywhere near the limit.
 */
final class Nesting {
  static final int MAX_DEPTH = 64;

  private Nesting() {}

  /** @return false (with the problem reported) when the text nests deeper than {@link #MAX_DEPTH} */
  static boolean check(List<Token> tokens, Problems problems) {
    int depth = 0;
    for (Token t : tokens) {
      switch (t.type()) {
        case OPEN_BRACE, OPEN_BRACKET -> {
          if (++depth > MAX_DEPTH) {
            problems.add(t.line(), "syntax", "objects and arrays nest deeper than " + MAX_DEPTH
                + " levels here; a job file needs a few levels, flatten the structure");
            return false;
          }
        }
        case CLOSE_BRACE, CLOSE_BRACKET -> depth = Math.max(0, depth - 1);
        default -> { }
      }
    }
    return true;
  }
}
