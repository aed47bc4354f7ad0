package dev.circuits.core.eval;

import static dev.circuits.core.eval.ExactCases.assertMatchesReference;
import static dev.circuits.core.eval.ExactCases.evaluators;
import static dev.circuits.core.eval.ExactCases.randn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.circuits.core.Add;
import dev.circuits.core.Array;
import dev.circuits.core.Circuit;
import dev.circuits.core.Einsum;
import dev.circuits.core.GeneralFunction;
import dev.circuits.core.Scalar;
import dev.circuits.core.Shape;
import dev.circuits.core.spec.SimpleFunction;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Layer norms written as einsums ({@link LayerNormRule}) are computed by one fused kernel that
 * agrees with the plain-loops reference, leaves its inputs alone, and steps aside whenever an
 * intermediate is read elsewhere.
 */
class EvaluatorLayerNormFusionTest {
  /** The parts of a layer norm over x's last axis, built as GPT-2's circuit builds them. */
  private record Ln(Circuit centred, Circuit variance, Circuit scaled, Circuit out) {
    static Ln of(Circuit x, Circuit scale, Circuit bias, double eps) {
      int d = (int) x.shape().get(x.rank() - 1);
      String lead = "abcdefg".substring(0, x.rank() - 1);
      Circuit negMean = Einsum.fromString(lead + "z,->" + lead, List.of(x, Scalar.of(-1.0 / d, Shape.scalar(), null)), null);
      Circuit centred = Add.of(x, negMean.unsqueeze(x.rank() - 1));
      Circuit var = Einsum.fromString(lead + "z," + lead + "z,->" + lead, List.of(centred, centred, Scalar.of(1.0 / d, Shape.scalar(), null)), null);
      Circuit rstd = GeneralFunction.of(SimpleFunction.RSQRT,
          Add.of(var, Scalar.of(eps, Shape.scalar(), null)), null);
      Circuit scaled = Einsum.fromString(lead + "z," + lead + ",z->" + lead + "z", List.of(centred, rstd, scale), null);
      return new Ln(centred, var, scaled, bias == null ? scaled : Add.of(scaled, bias));
    }
  }

  @Test
  void fusedLayerNormMatchesReferenceAndLeavesInputsAlone() {
    Array x = randn(1, 2, 3, 7);
    Array w = randn(2, 7);
    Array b = randn(3, 7);
    INDArray x0 = x.value().dup();
    INDArray w0 = w.value().dup();
    INDArray b0 = b.value().dup();
    Ln ln = Ln.of(x, w, b, 1e-5);
    assertNotNull(LayerNormRule.match(ln.out()));
    for (Evaluator ev : evaluators()) {
      assertMatchesReference(ln.out(), ev.evaluate(ln.out()));
      assertEquals(x0, x.value());
      assertEquals(w0, w.value());
      assertEquals(b0, b.value());
    }
  }

  @Test
  void shapesWithoutBiasWithBroadcastBiasAndComputedInputsAllMatch() {
    Circuit computedX = randn(4, 5, 9).einsum("ab,bc->ac", randn(5, 9, 6)); // a GEMM result
    List<Circuit> roots = List.of(
        Ln.of(randn(6, 4), randn(7, 4), null, 1e-5).out(), // a single row, no bias
        Ln.of(randn(8, 3, 1), randn(9, 1), randn(10, 1, 1), 0.1).out(), // rows of one element
        Ln.of(computedX, randn(11, 6), randn(12, 1, 6), 1e-5).out(),
        Ln.of(Array.wrap(randn(13, 6, 4, 3).value().permute(2, 1, 0), null), randn(14, 6),
            randn(15, 6), 1e-3).out()); // a strided input
    for (Circuit root : roots) {
      assertNotNull(LayerNormRule.match(root), root::toString);
      for (Evaluator ev : evaluators()) {
        assertMatchesReference(root, ev.evaluate(root));
      }
    }
  }

  @Test
  void intermediatesReadElsewhereAreStillComputedCorrectly() {
    Ln ln = Ln.of(randn(20, 3, 5), randn(21, 5), randn(22, 5), 1e-5);
    Circuit alsoReadsCentred = Add.of(ln.out(), GeneralFunction.of(SimpleFunction.TANH,
        ln.centred(), null));
    for (Evaluator ev : evaluators()) {
      assertMatchesReference(alsoReadsCentred, ev.evaluate(alsoReadsCentred));
      List<INDArray> both = ev.evaluateMany(List.of(ln.out(), ln.variance(), ln.scaled()));
      assertMatchesReference(ln.out(), both.get(0));
      assertMatchesReference(ln.variance(), both.get(1));
      assertMatchesReference(ln.scaled(), both.get(2));
    }
  }

  @Test
  void float32FusedLayerNormIsCloseToReference() {
    Ln ln = Ln.of(randn(30, 4, 16, 64), randn(31, 64), randn(32, 64), 1e-5);
    Tensors.assertClose(new ReferenceEvaluator().evaluate(ln.out()),
        Evaluator.create().evaluate(ln.out()), 1e-5, "float32 layer norm");
  }

  @Test
  void lookalikesThatAreNotLayerNormsAreNotMatched() {
    Array x = randn(40, 3, 5);
    Array y = randn(41, 3, 5);
    Array w = randn(42, 5);
    Circuit meanOfOther = Einsum.fromString("az,->a", List.of(y, Scalar.of(-0.2, Shape.scalar(),
        null)), null);
    Circuit centred = Add.of(x, meanOfOther.unsqueeze(1));
    Circuit var = Einsum.fromString("az,az,->a", List.of(centred, centred, Scalar.of(0.2, Shape.scalar(), null)), null);
    Circuit rstd = GeneralFunction.of(SimpleFunction.RSQRT, Add.of(var, Scalar.of(1e-5,
        Shape.scalar(), null)), null);
    assertNull(LayerNormRule.match(Einsum.fromString("az,a,z->az", List.of(centred, rstd, w), null)));
    Ln ln = Ln.of(x, w, null, 1e-5);
    Circuit sqrtInstead = Einsum.fromString("az,a,z->az", List.of(ln.centred(), GeneralFunction.of(SimpleFunction.EXP, ln.variance(), null), w), null);
    assertNull(LayerNormRule.match(sqrtInstead));
    assertNull(LayerNormRule.match(Add.of(ln.out(), randn(43, 3, 5)))); // not a [d] bias
    Circuit transposedScale = Einsum.fromString("az,a,z->za", List.of(ln.centred(), ((Einsum) ln.scaled()).child(1), w), null);
    assertNull(LayerNormRule.match(transposedScale));
  }
}
