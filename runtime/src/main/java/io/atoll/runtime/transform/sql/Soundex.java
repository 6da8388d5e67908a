package io.atoll.runtime.transform.sql;

/**
 * SOUNDEX as SeaTunnel 2.3.4 (and H2) compute it: the first letter, then the digits of the
 * following consonants, four characters padded with '0'. Letters of one digit group next to each
 * other count once; a vowel (or Y) between them separates them, H and W do not. Characters other
 * than the letters A-Z (either case) are skipped.
 */
final class Soundex {
  /** The code of A..Z: 0 a vowel or Y, -1 H or W, else the digit. */
  private static final int[] CODES = {0, 1, 2, 3, 0, 1, 2, -1, 0, 2, 2, 4, 5, 5, 0, 1, 2, 6, 2, 3, 0, 1, -1, 2, 0, 2};

  private Soundex() {}

  static String of(String s) {
    char[] out = {'0', '0', '0', '0'};
    int length = 0;
    int last = 0;
    for (int i = 0; i < s.length() && length < 4; i++) {
      char c = s.charAt(i);
      c = c >= 'a' && c <= 'z' ? (char) (c - 'a' + 'A') : c;
      if (c < 'A' || c > 'Z') {
        continue;
      }
      int code = CODES[c - 'A'];
      if (length == 0) {
        out[length++] = c;
        last = code;
      } else if (code > 0 && code != last) {
        out[length++] = (char) ('0' + code);
        last = code;
      } else if (code == 0) {
        last = 0;
      }
    }
    return new String(out);
  }
}
