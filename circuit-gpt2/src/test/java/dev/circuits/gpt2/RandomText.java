package dev.circuits.gpt2;

import java.util.Random;

/** Seeded random strings mixing ASCII, whitespace runs, contractions, accents, CJK, emoji and specials. */
final class RandomText {
  private static final String[] PIECES = {
    " ", "  ", "   ", "\t", "\n", "\n\n", "\r\n", " \n ", "\u00A0", "\u3000", "\u2028", "\u0085",
    "'s", "'t", "'re", "'ve", "'m", "'ll", "'d", "'S", "''",
    ".", ",", "!?", "...", "--", "(", ")", "\"", "#", "$", "%", "&", "*", "+", "/", "@", "[", "]", "_", "~",
    "<|endoftext|>", "<|endoftext", "|>", "<", "|",
    "é", "ñ", "ü", "ß", "Å", "e\u0301", "\u00C6", "Ω", "д", "Ж", "ا", "ש", "क", "ก",
    "中", "文", "日本語", "한국어", "ｶ", "²", "½", "Ⅻ", "٣",
    "😀", "👍🏽", "👨‍👩‍👧", "🇫🇷", "𝔘", "\uD83D\uDE80",
    "\u0000", "\u0007", "\u007F", "\u200B", "\uFEFF",
  };
  private static final String WORDS =
      "the of and to in is was Mary John went store gave drink When Then 2024 42 x y z ABC camelCase"
          + " hello world café naïve résumé ümlaut";

  private RandomText() {}

  /** A string of up to {@code maxPieces} random pieces drawn by {@code rng}. */
  static String next(Random rng, int maxPieces) {
    String[] words = WORDS.split(" ");
    StringBuilder sb = new StringBuilder();
    int n = rng.nextInt(maxPieces + 1);
    for (int i = 0; i < n; i++) {
      int kind = rng.nextInt(10);
      if (kind < 4) {
        sb.append(words[rng.nextInt(words.length)]);
      } else if (kind < 8) {
        sb.append(PIECES[rng.nextInt(PIECES.length)]);
      } else if (kind == 8) {
        sb.append((char) (0x20 + rng.nextInt(0x5F)));
      } else {
        int cp;
        do {
          cp = rng.nextInt(0x30000);
        } while (!Character.isDefined(cp)
            || (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE));
        sb.appendCodePoint(cp);
      }
    }
    return sb.toString();
  }
}
