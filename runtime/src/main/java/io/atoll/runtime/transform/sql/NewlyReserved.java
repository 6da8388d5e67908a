package io.atoll.runtime.transform.sql;

import java.util.Locale;
import java.util.Set;

/**
 * Words JSqlParser 5.1 reserves that JSqlParser 4.5 (what SeaTunnel 2.3.4 parses with) takes as
 * names: {@code select x as low}, {@code where sample > 1}. A query the parser refuses is tried
 * once more with these words double-quoted where they stand as names, so SeaTunnel's queries keep
 * working; a query still refused reports the error of the text as written. Found by parsing every
 * keyword of 5.1 as an alias and as a column with both versions.
 */
final class NewlyReserved {
  static final Set<String> WORDS = Set.of("default", "excludes", "final", "high", "includes", "inverse", "low",
      "plus", "preferring", "prior", "qualify", "sample", "tablesample");

  private NewlyReserved() {}

  /** The query with every bare newly reserved word not followed by {@code (} quoted; the same text when none. */
  static String quote(String query) {
    StringBuilder out = new StringBuilder(query.length() + 8);
    int i = 0;
    int n = query.length();
    while (i < n) {
      char c = query.charAt(i);
      if (c == '\'' || c == '"' || c == '`') {
        int end = closing(query, i, c);
        out.append(query, i, end);
        i = end;
      } else if (Character.isLetter(c) || c == '_') {
        int end = i;
        while (end < n && (Character.isLetterOrDigit(query.charAt(end)) || query.charAt(end) == '_')) {
          end++;
        }
        String word = query.substring(i, end);
        if (WORDS.contains(word.toLowerCase(Locale.ROOT)) && !calls(query, end)) {
          out.append('"').append(word).append('"');
        } else {
          out.append(word);
        }
        i = end;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  /** The index after the literal or quoted name opened at {@code start}; a doubled quote stays inside. */
  private static int closing(String query, int start, char quote) {
    int i = start + 1;
    while (i < query.length()) {
      if (query.charAt(i) == quote) {
        if (i + 1 < query.length() && query.charAt(i + 1) == quote) {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
    return query.length();
  }

  private static boolean calls(String query, int from) {
    int i = from;
    while (i < query.length() && Character.isWhitespace(query.charAt(i))) {
      i++;
    }
    return i < query.length() && query.charAt(i) == '(';
  }
}
