package dev.circuits.core.testing;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Seeded mutations for fuzz tests: of text (insert a token, delete, duplicate or swap pieces,
 * change numbers to extremes, re-indent, nest, grow a name) and of bytes (flip bits, set
 * extremes, insert, delete, truncate, write a huge or negative 64-bit length).
 */
public final class Mutations {
  private static final long[] EXTREMES = {0, 1, -1, 2, 255, 256, 65_535, Integer.MAX_VALUE,
      1L << 31, 1L << 32, (1L << 32) + 7, 1L << 40, Long.MAX_VALUE, Long.MIN_VALUE, -2};
  private static final String[] NUMBERS = {"0", "-1", "-0", "1e309", "NaN", "2147483648",
      "4294967303", "99999999999999999999", "1_000", "0.5", "1s", "255s", "256s", "007", ""};

  private Mutations() {}

  /** {@code base} with 1 to {@code maxEdits} random edits, drawing inserts from {@code tokens}. */
  public static String text(String base, Random r, List<String> tokens, int maxEdits) {
    StringBuilder s = new StringBuilder(base);
    int edits = 1 + r.nextInt(maxEdits);
    for (int i = 0; i < edits; i++) {
      textEdit(s, r, tokens);
    }
    return s.toString();
  }

  private static void textEdit(StringBuilder s, Random r, List<String> tokens) {
    int n = s.length();
    int at = n == 0 ? 0 : r.nextInt(n + 1);
    int end = Math.min(n, at + 1 + r.nextInt(Math.max(1, Math.min(40, n))));
    switch (r.nextInt(10)) {
      case 0 -> s.insert(at, tokens.get(r.nextInt(tokens.size())));
      case 1 -> s.delete(at, end);
      case 2 -> s.insert(at, s.substring(at, end).repeat(r.nextInt(5) == 0 ? 500 : 1));
      case 3 -> {
        if (at < n) {
          s.setCharAt(at, (char) (r.nextBoolean() ? r.nextInt(128) : r.nextInt(0x3000)));
        }
      }
      case 4 -> replaceNumber(s, r);
      case 5 -> swapLines(s, r);
      case 6 -> {
        int lineStart = s.lastIndexOf("\n", Math.max(0, at - 1)) + 1;
        if (r.nextBoolean()) {
          s.insert(lineStart, " ".repeat(1 + r.nextInt(3)));
        } else if (lineStart < s.length() && s.charAt(lineStart) == ' ') {
          s.deleteCharAt(lineStart);
        }
      }
      case 7 -> s.setLength(at);
      case 8 -> nest(s, r);
      default -> growName(s, r);
    }
  }

  private static void replaceNumber(StringBuilder s, Random r) {
    List<int[]> runs = new ArrayList<>();
    for (int i = 0; i < s.length(); i++) {
      if (Character.isDigit(s.charAt(i))) {
        int j = i;
        while (j < s.length() && Character.isDigit(s.charAt(j))) {
          j++;
        }
        runs.add(new int[] {i, j});
        i = j;
      }
    }
    if (!runs.isEmpty()) {
      int[] run = runs.get(r.nextInt(runs.size()));
      s.replace(run[0], run[1], NUMBERS[r.nextInt(NUMBERS.length)]);
    }
  }

  private static void swapLines(StringBuilder s, Random r) {
    List<String> lines = new ArrayList<>(Arrays.asList(s.toString().split("\n", -1)));
    if (lines.size() > 1) {
      int a = r.nextInt(lines.size());
      int b = r.nextInt(lines.size());
      String t = lines.get(a);
      lines.set(a, lines.get(b));
      lines.set(b, t);
      s.setLength(0);
      s.append(String.join("\n", lines));
    }
  }

  /** Repeats a line, each copy indented one level deeper (deep nesting). */
  private static void nest(StringBuilder s, Random r) {
    String[] lines = s.toString().split("\n", -1);
    String line = lines[r.nextInt(lines.length)];
    StringBuilder deep = new StringBuilder();
    int copies = r.nextInt(4) == 0 ? 500 + r.nextInt(1500) : 1 + r.nextInt(20);
    for (int i = 0; i < copies; i++) {
      deep.append("  ".repeat(i)).append(line).append('\n');
    }
    s.append('\n').append(deep);
  }

  /** Replaces the content of a quoted name with a long run of one character. */
  private static void growName(StringBuilder s, Random r) {
    int q = s.indexOf("'", r.nextInt(Math.max(1, s.length())));
    if (q >= 0) {
      s.insert(q + 1, String.valueOf((char) ('a' + r.nextInt(26))).repeat(1 + r.nextInt(5000)));
    }
  }

  /** {@code base} with 1 to {@code maxEdits} random byte edits. */
  public static byte[] bytes(byte[] base, Random r, int maxEdits) {
    byte[] b = base.clone();
    int edits = 1 + r.nextInt(maxEdits);
    for (int i = 0; i < edits; i++) {
      b = byteEdit(b, r);
    }
    return b;
  }

  private static byte[] byteEdit(byte[] b, Random r) {
    int n = b.length;
    int at = n == 0 ? 0 : r.nextInt(n);
    switch (r.nextInt(7)) {
      case 0 -> {
        if (n > 0) {
          b[at] ^= (byte) (1 << r.nextInt(8));
        }
        return b;
      }
      case 1 -> {
        if (n > 0) {
          b[at] = (byte) (r.nextBoolean() ? 0 : r.nextBoolean() ? 0xFF : r.nextInt(256));
        }
        return b;
      }
      case 2 -> {
        byte[] ins = new byte[1 + r.nextInt(16)];
        r.nextBytes(ins);
        return splice(b, at, 0, ins);
      }
      case 3 -> {
        return splice(b, at, Math.min(n - at, 1 + r.nextInt(64)), new byte[0]);
      }
      case 4 -> {
        return Arrays.copyOf(b, n == 0 ? 0 : r.nextInt(n));
      }
      case 5 -> {
        if (n >= 8) {
          int p = r.nextInt(4) == 0 ? 0 : r.nextInt(n - 7);
          ByteBuffer.wrap(b, p, 8).order(ByteOrder.LITTLE_ENDIAN)
              .putLong(EXTREMES[r.nextInt(EXTREMES.length)]);
        }
        return b;
      }
      default -> {
        int len = Math.min(n - at, 1 + r.nextInt(64));
        return splice(b, at, 0, Arrays.copyOfRange(b, at, at + len));
      }
    }
  }

  private static byte[] splice(byte[] b, int at, int remove, byte[] insert) {
    byte[] out = new byte[b.length - remove + insert.length];
    System.arraycopy(b, 0, out, 0, at);
    System.arraycopy(insert, 0, out, at, insert.length);
    System.arraycopy(b, at + remove, out, at + insert.length, b.length - at - remove);
    return out;
  }

  /** The extreme 64-bit values byte edits write, for tests that also mutate parsed numbers. */
  public static long extreme(Random r) {
    return EXTREMES[r.nextInt(EXTREMES.length)];
  }
}
