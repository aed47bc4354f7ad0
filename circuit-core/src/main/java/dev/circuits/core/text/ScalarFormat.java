package dev.circuits.core.text;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Numbers as rust_circuit prints and parses them: Rust's {@code f64} Display (the shortest decimal
 * that reads back as the same double, never in exponent notation) and Rust-style number parsing.
 */
public final class ScalarFormat {
  private static final Pattern FLOAT =
      Pattern.compile("[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?");
  private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");

  private ScalarFormat() {}

  /** Formats like Rust's {@code format!("{}", v)}: {@code 1}, {@code 0.00001}, {@code -0}, {@code inf}. */
  public static String format(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "inf" : "-inf";
    }
    if (v == 0.0) {
      return (Double.doubleToRawLongBits(v) < 0) ? "-0" : "0";
    }
    return shortest(v).stripTrailingZeros().toPlainString();
  }

  /** The shortest decimal that reads back as {@code v}; among equally short ones, the closest. */
  static BigDecimal shortest(double v) {
    BigDecimal exact = new BigDecimal(v);
    for (int digits = 1; digits <= 17; digits++) {
      BigDecimal best = null;
      for (RoundingMode mode : new RoundingMode[] {RoundingMode.HALF_EVEN, RoundingMode.FLOOR,
          RoundingMode.CEILING}) {
        BigDecimal cand = exact.round(new MathContext(digits, mode));
        if (Double.parseDouble(cand.toString()) == v && (best == null
            || cand.subtract(exact).abs().compareTo(best.subtract(exact).abs()) < 0)) {
          best = cand;
        }
      }
      if (best != null) {
        return best;
      }
    }
    return exact;
  }

  /**
   * Parses a float the way rust_circuit does: underscores after the first character are ignored;
   * {@code 1.}, {@code 1e-5}, {@code -10_000.0}, {@code inf} and {@code NaN} are accepted.
   */
  public static double parseDouble(String text) {
    String s = stripUnderscores(text.trim());
    String lower = s.toLowerCase(Locale.ROOT);
    String unsigned = lower.startsWith("-") || lower.startsWith("+") ? lower.substring(1) : lower;
    if (unsigned.equals("inf") || unsigned.equals("infinity")) {
      return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    if (unsigned.equals("nan")) {
      return Double.NaN;
    }
    if (!FLOAT.matcher(s).matches()) {
      throw new NumberFormatException("invalid number '" + text + "'");
    }
    return Double.parseDouble(s);
  }

  /** Parses a (signed) integer with rust_circuit's underscore rule. */
  public static long parseLong(String text) {
    String s = stripUnderscores(text.trim());
    if (!INTEGER.matcher(s).matches()) {
      throw new NumberFormatException("invalid integer '" + text + "'");
    }
    return Long.parseLong(s.startsWith("+") ? s.substring(1) : s);
  }

  private static String stripUnderscores(String s) {
    if (s.isEmpty()) {
      return s;
    }
    return s.charAt(0) + s.substring(1).replace("_", "");
  }
}
