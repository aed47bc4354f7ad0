package dev.circuits.core.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.fail;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Test assertions comparing evaluator output with expected values. */
final class Tensors {
  private Tensors() {}

  /** Whether {@code a} is within {@code tol} of {@code b}, absolutely and relatively. */
  static boolean close(double a, double b, double tol) {
    if (Double.isNaN(a) || Double.isNaN(b)) {
      return Double.isNaN(a) && Double.isNaN(b);
    }
    if (Double.isInfinite(a) || Double.isInfinite(b)) {
      return a == b;
    }
    return Math.abs(a - b) <= tol + tol * Math.abs(b);
  }

  /** Asserts shape and every element agree within {@code tol}. */
  static void assertClose(ReferenceEvaluator.Tensor expected, INDArray actual, double tol,
      String context) {
    assertArrayEquals(expected.shape(), actual.shape(), () -> "shape differs: " + context);
    ReferenceEvaluator.Tensor got = ReferenceEvaluator.fromNd4j(actual);
    for (int i = 0; i < expected.data().length; i++) {
      if (!close(got.data()[i], expected.data()[i], tol)) {
        fail("element " + i + ": expected " + expected.data()[i] + " but got " + got.data()[i]
            + "\n" + context);
      }
    }
  }

  /** Asserts {@code actual} has {@code shape} and c-order contents {@code values} within tol. */
  static void assertValues(long[] shape, double[] values, INDArray actual, double tol) {
    assertClose(new ReferenceEvaluator.Tensor(shape, values), actual, tol, "");
  }
}
