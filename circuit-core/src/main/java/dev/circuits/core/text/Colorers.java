package dev.circuits.core.text;

import dev.circuits.core.Circuit;
import java.util.function.Function;

/** rust_circuit's colorers: functions from a node to an ANSI colour code (or null for none). */
public final class Colorers {
  /** The 14 ANSI codes rust_circuit picks colours from. */
  static final int[] COLOR_CODES = {31, 32, 33, 34, 35, 36, 90, 91, 92, 93, 94, 95, 96, 97};
  /** ANSI red (rust's {@code Red}). */
  static final int RED = 31;
  /** ANSI green. */
  static final int GREEN = 32;
  /** ANSI yellow. */
  static final int YELLOW = 33;
  /** ANSI magenta. */
  static final int MAGENTA = 35;

  private Colorers() {}

  /** {@code COLOR_CODES[u64_le(hash[0..8]) % 14]}: equal subtrees share a colour. */
  public static Function<Circuit, Integer> hash() {
    return c -> {
      byte[] h = c.hash();
      long v = 0;
      for (int i = 7; i >= 0; i--) {
        v = (v << 8) | (h[i] & 0xff);
      }
      return COLOR_CODES[(int) Long.remainderUnsigned(v, COLOR_CODES.length)];
    };
  }

  /** The same colour for every node. */
  public static Function<Circuit, Integer> fixed(int ansiCode) {
    return c -> ansiCode;
  }

  /** Green above 300K elements, yellow above 300M, red above 10G, magenta on overflow. */
  public static Function<Circuit, Integer> size() {
    return c -> {
      long n;
      try {
        n = c.shape().numel();
      } catch (ArithmeticException overflow) {
        return MAGENTA;
      }
      if (n > 10_000_000_000L) {
        return RED;
      } else if (n > 300_000_000L) {
        return YELLOW;
      } else if (n > 300_000L) {
        return GREEN;
      }
      return null;
    };
  }

  /** Wraps text in an ANSI colour (no colour when {@code ansiCode} is null). */
  static String paint(String text, Integer ansiCode) {
    return ansiCode == null ? text : "\u001b[" + ansiCode + "m" + text + "\u001b[0m";
  }
}
