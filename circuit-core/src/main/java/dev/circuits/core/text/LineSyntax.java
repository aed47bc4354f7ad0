package dev.circuits.core.text;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The line grammar of the text format (rust_circuit's parser regex):
 * {@code indent ident ['name'] [AD] [[shape]] [Variant] [extra [! child-info]] [# comment]}.
 * Box-drawing characters printed with arrows count as whitespace.
 *
 * <p>A hand-written scanner with the regex's leftmost-first semantics (in quoted names escaped
 * pairs {@code \\} and {@code \'} first, a lone backslash as a fallback), linear in the line's
 * length and free of recursion, so names and extras of any length parse. One deliberate
 * difference: a bracket where the shape belongs is always read as the shape, so a malformed
 * shape is reported as such instead of being taken for the extra.
 */
final class LineSyntax {
  /** The indentation (leading whitespace) of the line; {@link #t} is the rest. */
  private final int indent;
  private final String t;
  private final int n;
  /** The first position at or after p that is not regex {@code \s}, not a letter, not ']'. */
  private final int[] nextNonSpace;
  private final int[] nextNonLetter;
  private final int[] nextCloseBracket;
  /** {@code tail[p]}: from p the line holds only whitespace, then nothing or a comment. */
  private final boolean[] tail;
  /** {@code extraFrom[p]}: an extra can start at p (it reaches the tail before a terminator). */
  private final boolean[] extraFrom;
  /** What may follow position p after the variant, the shape, the AD flag, the name. */
  private final boolean[] afterVariant;
  private final boolean[] afterShape;
  private final boolean[] afterAd;
  private final boolean[] afterName;
  /** Dead ends of the name search (shared: they depend only on the position). */
  private final boolean[] nameDeadEnd;

  private LineSyntax(String line) {
    indent = leadingWs(line);
    t = line.substring(indent);
    n = t.length();
    nextNonSpace = new int[n + 1];
    nextNonSpace[n] = n;
    nextNonLetter = new int[n + 1];
    nextNonLetter[n] = n;
    nextCloseBracket = new int[n + 1];
    nextCloseBracket[n] = -1;
    int terminatorAfter = n;
    tail = new boolean[n + 1];
    tail[n] = true;
    for (int p = n - 1; p >= 0; p--) {
      char c = t.charAt(p);
      nextNonSpace[p] = isSpace(c) ? nextNonSpace[p + 1] : p;
      nextNonLetter[p] = isLetter(c) ? nextNonLetter[p + 1] : p;
      nextCloseBracket[p] = c == ']' ? p : nextCloseBracket[p + 1];
      // regex "#.*$": '.' matches no line terminator, and matches() leaves nothing over
      tail[p] = (c == '#' && terminatorAfter == n) || (isWs(c) && tail[p + 1]);
      if (isLineTerminator(c)) {
        terminatorAfter = p;
      }
    }
    extraFrom = new boolean[n + 1];
    afterVariant = new boolean[n + 1];
    afterShape = new boolean[n + 1];
    afterAd = new boolean[n + 1];
    afterName = new boolean[n + 1];
    for (int p = n; p >= 0; p--) {
      extraFrom[p] = tail[p] || (!isLineTerminator(t.charAt(p)) && extraFrom[p + 1]);
      int q = afterSpace(p);
      afterVariant[p] = tail[p] || (q >= 0 && extraFrom[q]);
      int v = q < 0 ? -1 : nextNonLetter[q];
      afterShape[p] = afterVariant[p] || (v > q && afterVariant[v]);
      int b = q >= 0 && q < n && t.charAt(q) == '[' ? nextCloseBracket[q] : -1;
      afterAd[p] = afterShape[p] || (b >= 0 && afterShape[b + 1]);
      afterName[p] = afterAd[p] || (q >= 0 && t.startsWith("AD", q) && afterAd[q + 2]);
    }
    nameDeadEnd = new boolean[n + 1];
  }

  /** A shape bracket that is never closed. */
  static final class UnclosedShape extends IllegalArgumentException {
    UnclosedShape(String message) {
      super(message);
    }
  }

  /** What a raw line is. */
  enum Kind { SKIP, ONLY_CHILD_MARKER, NODE }

  /** The fields of a node line; absent parts are null. */
  record NodeLine(int indent, Ident ident, String name, boolean autonameDisabled, String shape,
      String variant, String extra, String childInfo) {
    /** The fields, with the text after the variant split at its first {@code !}. */
    static NodeLine of(int indent, Ident ident, String name, boolean autonameDisabled,
        String shape, String variant, String extraAndInfo) {
      String extra = extraAndInfo;
      String info = null;
      int bang = extraAndInfo.indexOf('!');
      if (bang >= 0) {
        extra = extraAndInfo.substring(0, bang).trim();
        info = extraAndInfo.substring(bang + 1).trim();
      }
      return new NodeLine(indent, ident, name, autonameDisabled, shape, variant,
          extra.isEmpty() ? null : extra, info);
    }

    /** Whether the line holds only its identifier. */
    boolean bare() {
      return name == null && !autonameDisabled && shape == null && variant == null
          && extra == null && childInfo == null;
    }
  }

  /** Scans one line (linear time). */
  static LineSyntax of(String line) {
    return new LineSyntax(line);
  }

  /** What the line is. */
  Kind kind() {
    if (tail[0]) {
      return Kind.SKIP;
    }
    int q = t.startsWith("\u25bc") ? 1 : t.startsWith("|/") ? 2 : -1;
    boolean marker = q >= 0 && (q == n || (t.charAt(q) == '#' && tail[q]));
    return marker ? Kind.ONLY_CHILD_MARKER : Kind.NODE;
  }

  /**
   * The fields of a node line, or null when the grammar does not match; throws
   * {@link UnclosedShape} for a shape bracket that is never closed and IllegalArgumentException
   * for a serial number beyond 64 bits.
   */
  NodeLine nodeLine() {
    int p = 0;
    Ident ident;
    if (p < n && isDigit(t.charAt(p))) {
      int q = p;
      while (q < n && isDigit(t.charAt(q))) {
        q++;
      }
      if (!afterIdent(q)) {
        return null;
      }
      ident = Ident.number(parseSerial(t.substring(p, q)));
      p = q;
    } else if (p < n && t.charAt(p) == '\'') {
      int close = closingQuote(p, new boolean[n + 1], true);
      if (close < 0) {
        return null;
      }
      ident = Ident.string(NameQuoting.unescape(t.substring(p + 1, close)));
      p = close + 1;
    } else {
      return null;
    }
    String name = null;
    int q = afterSpace(p);
    if (q >= 0 && q < n && t.charAt(q) == '\'') {
      int close = closingQuote(q, nameDeadEnd, false);
      if (close >= 0) {
        name = NameQuoting.unescape(t.substring(q + 1, close));
        p = close + 1;
      }
    }
    boolean ad = false;
    q = afterSpace(p);
    if (q >= 0 && t.startsWith("AD", q) && afterAd[q + 2]) {
      ad = true;
      p = q + 2;
    }
    String shape = null;
    q = afterSpace(p);
    if (q >= 0 && q < n && t.charAt(q) == '[') {
      int close = nextCloseBracket[q];
      if (close < 0) {
        throw new UnclosedShape("the shape '" + t.substring(q) + "' has no closing ']'");
      }
      if (!afterShape[close + 1]) {
        return null;
      }
      shape = t.substring(q + 1, close);
      p = close + 1;
    }
    String variant = null;
    q = afterSpace(p);
    if (q >= 0) {
      int r = nextNonLetter[q];
      if (r > q && afterVariant[r]) {
        variant = t.substring(q, r);
        p = r;
      }
    }
    if (!afterVariant[p]) {
      return null;
    }
    String extraAndInfo = "";
    q = afterSpace(p);
    if (q >= 0 && extraFrom[q]) {
      int e = q;
      while (!tail[e]) {
        e++;
      }
      extraAndInfo = t.substring(q, e);
    }
    return NodeLine.of(indent, ident, name, ad, shape, variant, extraAndInfo);
  }

  /** Whether the rest of a line can follow an identifier ending just before p. */
  private boolean afterIdent(int p) {
    if (afterName[p]) {
      return true;
    }
    int q = afterSpace(p);
    return q >= 0 && q < n && t.charAt(q) == '\'' && closingQuote(q, nameDeadEnd, false) >= 0;
  }

  /**
   * The closing quote of the quoted identifier or name opening at {@code open}, found as the
   * regex found it: depth-first over the choices at each character (an escaped pair, a plain
   * character, a lone backslash, then closing on a quote), taking the first close after which
   * the line can go on. An explicit stack and a memo of dead-end positions keep this linear.
   */
  private int closingQuote(int open, boolean[] deadEnd, boolean isIdent) {
    Deque<int[]> stack = new ArrayDeque<>();
    stack.push(new int[] {open + 1, 0});
    while (!stack.isEmpty()) {
      int[] top = stack.peek();
      int i = top[0];
      int option = top[1]++;
      char c = i < n ? t.charAt(i) : 0;
      int next = -1;
      if (i >= n || option > 3) {
        deadEnd[i] = true;
        stack.pop();
      } else if (option == 0 && c == '\\' && i + 1 < n
          && (t.charAt(i + 1) == '\\' || t.charAt(i + 1) == '\'')) {
        next = i + 2;
      } else if ((option == 1 && c != '\'' && c != '\\') || (option == 2 && c == '\\')) {
        next = i + 1;
      } else if (option == 3 && c == '\''
          && (isIdent ? afterIdent(i + 1) : afterName[i + 1])) {
        return i;
      }
      if (next >= 0 && !deadEnd[next]) {
        stack.push(new int[] {next, 0});
      }
    }
    return -1;
  }

  private static int leadingWs(String line) {
    int p = 0;
    while (p < line.length() && isWs(line.charAt(p))) {
      p++;
    }
    return p;
  }

  /** After a space at p and any whitespace: the next position; -1 when p holds no space. */
  private int afterSpace(int p) {
    return p < n && t.charAt(p) == ' ' ? nextNonSpace[p + 1] : -1;
  }

  /** Java regex {@code \s}. */
  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
  }

  private static boolean isWs(char c) {
    return isSpace(c) || c == '\u2502' || c == '\u2514' || c == '\u251c' || c == '\u2023'
        || c == '\u2500';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  /** Characters regex {@code .} does not match. */
  private static boolean isLineTerminator(char c) {
    return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
  }

  private static long parseSerial(String digits) {
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("serial number " + digits + " is too large", e);
    }
  }
}
