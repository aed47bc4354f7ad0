package dev.circuits.core.testing;

import java.util.function.LongConsumer;

/** Runs a property over many seeds, reporting the failing seed. */
public final class Seeds {
  private Seeds() {}

  /** Runs {@code body} for seeds {@code 0..count-1}; a failure is rethrown naming its seed. */
  public static void forEach(int count, LongConsumer body) {
    for (long seed = 0; seed < count; seed++) {
      try {
        body.accept(seed);
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError("property failed for seed=" + seed + ": " + e.getMessage(), e);
      }
    }
  }
}
