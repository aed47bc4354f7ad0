package dev.circuits.core;

import java.util.ArrayList;
import java.util.List;

/**
 * rust_circuit's symbolic sizes: the 256 primes above 10,000 stand for named unknown sizes. A dim
 * is printed as a product such as {@code 2*1s} (2 times the second symbolic prime).
 */
public final class SymbolicSizes {
  private static final long[] PRIMES = computePrimes();

  private SymbolicSizes() {}

  private static long[] computePrimes() {
    long[] out = new long[256];
    int n = 0;
    for (long c = 10001; n < out.length; c += 2) {
      boolean prime = true;
      for (long d = 3; d * d <= c; d += 2) {
        if (c % d == 0) {
          prime = false;
          break;
        }
      }
      if (prime) {
        out[n++] = c;
      }
    }
    return out;
  }

  /** The symbolic size with index {@code i} ({@code is}). */
  public static long symbol(int i) {
    return PRIMES[i];
  }

  /** Number of symbolic sizes available. */
  public static int count() {
    return PRIMES.length;
  }

  /** Whether the size has a symbolic factor. */
  public static boolean isSymbolic(long size) {
    return !factor(size).symbolic().isEmpty();
  }

  /** A size split into a plain factor and the indices of its symbolic prime factors. */
  public record Factors(long other, List<Integer> symbolic) {}

  /** Factors a size into plain and symbolic parts. */
  public static Factors factor(long value) {
    List<Integer> syms = new ArrayList<>();
    long running = value;
    if (running == 0) {
      return new Factors(0, syms);
    }
    for (int i = 0; i < PRIMES.length && running >= PRIMES[i]; i++) {
      while (running % PRIMES[i] == 0) {
        syms.add(i);
        running /= PRIMES[i];
      }
    }
    return new Factors(running, syms);
  }

  /** Prints a size as rust_circuit does: {@code 7}, {@code 0s}, {@code 2*1s}, {@code 0s*0s*1s}. */
  public static String format(long value) {
    Factors f = factor(value);
    if (f.symbolic().isEmpty()) {
      return Long.toString(value);
    }
    StringBuilder sb = new StringBuilder();
    if (f.other() != 1) {
      sb.append(f.other());
    }
    for (int s : f.symbolic()) {
      if (sb.length() > 0) {
        sb.append('*');
      }
      sb.append(s).append('s');
    }
    return sb.toString();
  }

  /**
   * Parses a size product such as {@code 1_000}, {@code 0s} or {@code 2 * 1s}; throws
   * IllegalArgumentException when malformed or beyond 64 bits.
   */
  public static long parse(String text) {
    long product = 1;
    for (String part : text.split("\\*")) {
      String p = part.trim().replace("_", "");
      if (p.isEmpty()) {
        throw new IllegalArgumentException("empty factor in size '" + text + "'");
      }
      long v;
      if (p.endsWith("s")) {
        int idx = Integer.parseInt(p.substring(0, p.length() - 1));
        if (idx < 0 || idx >= PRIMES.length) {
          throw new IllegalArgumentException(
              "symbolic size index " + idx + " out of range 0.." + (PRIMES.length - 1) + " in '"
                  + text + "'");
        }
        v = PRIMES[idx];
      } else {
        v = Long.parseLong(p);
      }
      try {
        product = Math.multiplyExact(product, v);
      } catch (ArithmeticException e) {
        throw new IllegalArgumentException("size '" + text + "' does not fit in 64 bits", e);
      }
    }
    return product;
  }
}
