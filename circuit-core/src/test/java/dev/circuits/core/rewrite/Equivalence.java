package dev.circuits.core.rewrite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.circuits.core.Circuit;
import dev.circuits.core.eval.Evaluator;
import dev.circuits.core.text.PrintOptions;
import dev.circuits.core.text.Printer;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Asserts that a rewrite kept a circuit's shape and float64 value (within 1e-9). */
final class Equivalence {
  static final double TOL = 1e-9;
  private static final Evaluator EVAL = Evaluator.builder().float64().memoryBudgetBytes(64L << 20)
      .build();

  private Equivalence() {}

  static INDArray value(Circuit c) {
    return EVAL.evaluate(c);
  }

  /** Shape and value of {@code after} equal those of {@code before}. */
  static void assertEquivalent(Circuit before, Circuit after, String what) {
    assertEquals(before.shape(), after.shape(), () -> what + ": shape changed\n"
        + dump(before, after));
    INDArray a = value(before);
    INDArray b = value(after);
    assertArrayEquals(a.shape(), b.shape(), () -> what + ": evaluated shape changed");
    long n = a.length();
    INDArray fa = a.reshape(n);
    INDArray fb = b.reshape(n);
    for (long i = 0; i < n; i++) {
      double x = fa.getDouble(i);
      double y = fb.getDouble(i);
      if (!close(x, y)) {
        fail(what + ": element " + i + " was " + x + ", now " + y + "\n" + dump(before, after));
      }
    }
  }

  static boolean close(double a, double b) {
    if (Double.isNaN(a) || Double.isNaN(b)) {
      return Double.isNaN(a) && Double.isNaN(b);
    }
    if (Double.isInfinite(a) || Double.isInfinite(b)) {
      return a == b;
    }
    return Math.abs(a - b) <= TOL + TOL * Math.abs(a);
  }

  static String dump(Circuit before, Circuit after) {
    return "before:\n" + text(before) + "\nafter:\n" + text(after);
  }

  static String text(Circuit c) {
    return Printer.repr(PrintOptions.debugDefault(null), c);
  }
}
