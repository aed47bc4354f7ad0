package dev.circuits.core.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.circuits.core.spec.SimpleFunction;
import org.junit.jupiter.api.Test;

/** The oracle's own special functions against tabulated values. */
class ReferenceEvaluatorTest {
  @Test
  void erfMatchesTables() {
    assertEquals(0.0, ReferenceEvaluator.erf(0.0), 0);
    assertEquals(0.5204998778130465, ReferenceEvaluator.erf(0.5), 1e-15);
    assertEquals(0.8427007929497149, ReferenceEvaluator.erf(1.0), 1e-15);
    assertEquals(-0.9953222650189527, ReferenceEvaluator.erf(-2.0), 1e-15);
    assertEquals(0.9999779095030014, ReferenceEvaluator.erf(3.0), 1e-15);
    assertEquals(0.9999992569016276, ReferenceEvaluator.erf(3.5), 1e-15);
    assertEquals(1.0 - 1.541725790028002e-8, ReferenceEvaluator.erf(4.0), 1e-15);
  }

  @Test
  void geluAtMinusThree() {
    assertEquals(-0.0040496940948903, ReferenceEvaluator.elementwise(SimpleFunction.GELU, -3),
        1e-15);
    assertEquals(-0.0036373920817729, ReferenceEvaluator.elementwise(SimpleFunction.GELU_NEW, -3),
        1e-12);
  }
}
