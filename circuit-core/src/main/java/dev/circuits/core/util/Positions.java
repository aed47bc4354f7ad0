package dev.circuits.core.util;

/** Converting flat (c-order) offsets into positions, for error messages that name an entry. */
public final class Positions {
  private Positions() {}

  /** The position of flat offset {@code flat} in {@code shape}, e.g. 5 in [2, 3] is [1, 2]. */
  public static long[] unravel(long flat, long[] shape) {
    long[] pos = new long[shape.length];
    long rest = flat;
    for (int d = shape.length - 1; d >= 0; d--) {
      if (shape[d] > 0) {
        pos[d] = rest % shape[d];
        rest /= shape[d];
      }
    }
    return pos;
  }
}
