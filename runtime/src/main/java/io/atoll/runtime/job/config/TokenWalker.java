package io.atoll.runtime.job.config;

import io.atoll.runtime.job.config.HoconLexer.Token;
import io.atoll.runtime.job.config.HoconLexer.Type;
import java.util.List;

/**
 * A position in a job file's tokens, shared by the scans that read its structure before Typesafe
 * parses it ({@link BlockScanner} renames plugin blocks, {@link KeyOrder} records key order).
 */
abstract class TokenWalker {
  final List<Token> tokens;
  int pos;

  TokenWalker(List<Token> tokens) {
    this.tokens = tokens;
  }

  boolean is(Type type) {
    return pos < tokens.size() && tokens.get(pos).type() == type;
  }

  void skip(Type type) {
    while (is(type)) {
      pos++;
    }
  }

  /** The text's structure cannot be followed; Typesafe will report why. */
  static final class Unbalanced extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unbalanced() {
      super(null, null, false, false);
    }
  }
}
