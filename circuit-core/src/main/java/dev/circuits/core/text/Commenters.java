package dev.circuits.core.text;

import dev.circuits.core.Array;
import dev.circuits.core.Circuit;
import dev.circuits.core.Kind;
import java.math.BigInteger;
import java.util.function.Function;

/** rust_circuit's commenters: functions from a node to a comment (empty for none). */
public final class Commenters {
  private static final String[] UNITS = {"", "K", "M", "G", "T", "P", "E", "Z"};

  private Commenters() {}

  /** The element count in red (e.g. {@code 90}, {@code 400M}) for non-Arrays above {@code threshold}. */
  public static Function<Circuit, String> sizeThreshold(long threshold) {
    return c -> {
      BigInteger n = BigInteger.ONE;
      for (long d : c.shape().toArray()) {
        n = n.multiply(BigInteger.valueOf(d));
      }
      if (n.compareTo(BigInteger.valueOf(threshold)) > 0 && c.kind() != Kind.ARRAY) {
        return Colorers.paint(orderOfMagnitude(n), Colorers.RED);
      }
      return "";
    };
  }

  /** The dtype (e.g. {@code int8}) of nodes that have one; with {@code onlyArrays}, of Arrays only. */
  public static Function<Circuit, String> dtype(boolean onlyArrays) {
    return c -> {
      if (onlyArrays && !(c instanceof Array)) {
        return "";
      }
      String d = Dtypes.of(c);
      return d == null ? "" : d;
    };
  }

  /** rust's {@code oom_fmt}: integer division by 1000 with a unit suffix, e.g. {@code 4M}. */
  static String orderOfMagnitude(BigInteger n) {
    BigInteger k = BigInteger.valueOf(1000);
    for (String unit : UNITS) {
      if (n.compareTo(k) < 0) {
        return n + unit;
      }
      n = n.divide(k);
    }
    return n + "Y";
  }
}
