package dev.circuits.core.eval;

import dev.circuits.core.Array;
import dev.circuits.core.Circuit;
import dev.circuits.core.Shape;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Helpers for tests that check evaluator fast paths against the reference in float64. */
final class ExactCases {
  /** The float64 tolerance against the plain-loops reference. */
  static final double TOL = 1e-9;

  private ExactCases() {}

  /** A seeded float64 normal Array of {@code shape}. */
  static Array randn(long seed, long... shape) {
    return Array.randn(Shape.of(shape), seed, DataType.DOUBLE, null);
  }

  /** Float64 evaluators without and with a cache (fast paths differ between them). */
  static List<Evaluator> evaluators() {
    return List.of(Evaluator.builder().float64().memoryBudgetBytes(0).build(),
        Evaluator.builder().float64().build());
  }

  /** Asserts {@code got} is the reference value of {@code c} within {@link #TOL}. */
  static void assertMatchesReference(Circuit c, INDArray got) {
    Tensors.assertClose(new ReferenceEvaluator().evaluate(c), got, TOL, TreeDump.of(c));
  }
}
