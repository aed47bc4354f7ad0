package dev.circuits.core.eval;

import static dev.circuits.core.eval.ExactCases.assertMatchesReference;
import static dev.circuits.core.eval.ExactCases.evaluators;
import static dev.circuits.core.eval.ExactCases.randn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.circuits.core.Add;
import dev.circuits.core.Array;
import dev.circuits.core.Circuit;
import dev.circuits.core.GeneralFunction;
import dev.circuits.core.HashKey;
import dev.circuits.core.Scalar;
import dev.circuits.core.Shape;
import dev.circuits.core.spec.GeneralFunctionSpec;
import dev.circuits.core.spec.SimpleFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Adds that overwrite a donated input (e.g. a GEMM result plus its bias) and Adds computed from an
 * earlier partial sum give the unfused values, and never touch leaves or values still needed.
 */
class EvaluatorInPlaceTest {
  @Test
  void biasAddOnGemmResultMatchesReferenceAndLeavesLeavesAlone() {
    Array x = randn(1, 3, 4, 5);
    Array w = randn(2, 6, 5);
    Array b = randn(3, 6);
    INDArray x0 = x.value().dup();
    INDArray b0 = b.value().dup();
    Circuit gemm = x.einsum("btd,fd->btf", w);
    Circuit biased = Add.of(gemm, b);
    for (Evaluator ev : evaluators()) {
      assertMatchesReference(biased, ev.evaluate(biased));
      assertEquals(x0, x.value());
      assertEquals(b0, b.value());
    }
  }

  @Test
  void valueStillNeededByAnotherConsumerIsNotOverwritten() {
    Circuit gemm = randn(4, 3, 5).einsum("td,fd->tf", randn(5, 6, 5));
    Circuit biased = Add.of(gemm, randn(6, 6));
    Circuit later = GeneralFunction.of(SimpleFunction.TANH, gemm, null);
    Circuit root = Add.of(biased, later, gemm);
    for (Evaluator ev : evaluators()) {
      assertMatchesReference(root, ev.evaluate(root));
      List<INDArray> both = ev.evaluateMany(List.of(biased, gemm));
      assertMatchesReference(biased, both.get(0));
      assertMatchesReference(gemm, both.get(1));
    }
  }

  @Test
  void productSumsAndChainedBroadcastMultipliesMatchReference() {
    Array x = randn(30, 3, 4, 5);
    Circuit xt = Array.wrap(randn(31, 5, 3, 4).value().permute(1, 2, 0), null); // strided view
    Circuit row = randn(32, 3, 4);
    Circuit col = randn(33, 5);
    Circuit half = Scalar.of(0.5, Shape.scalar(), null);
    List<Circuit> cases = List.of(
        x.einsum("btd,btd,->bt", x, half), // a layer norm's variance: one operand twice
        x.einsum("abc,abc->ac", xt), // summed axis in the middle, a strided operand
        xt.einsum("abc,abc->b", x),
        x.einsum("btd,bt,d->btd", row, col), // a layer norm's scaling: two multiplies
        x.einsum("abc,ab,c,->abc", row, col, half),
        xt.einsum("abc,abc,c->ab", x, col));
    for (Circuit c : cases) {
      for (Evaluator ev : evaluators()) {
        assertMatchesReference(c, ev.evaluate(c));
      }
    }
  }

  @Test
  void biasOverTrailingDimsIsAddedToEveryRow() {
    Circuit gemm = randn(40, 2, 3, 4).einsum("abc,cd->abd", randn(41, 4, 5));
    List<Circuit> biases = List.of(randn(42, 5), randn(43, 3, 5), randn(44, 1, 3, 5),
        randn(45, 2, 1, 5), Array.wrap(randn(46, 5, 3).value().transpose(), null));
    for (Circuit b : biases) {
      Circuit c = Add.of(gemm, b);
      for (Evaluator ev : evaluators()) {
        assertMatchesReference(c, ev.evaluate(c));
      }
    }
  }

  @Test
  void residualStreamOfFlatAddsMatchesReference() {
    SplittableRandom r = new SplittableRandom(7);
    for (int trial = 0; trial < 20; trial++) {
      List<Circuit> terms = new ArrayList<>();
      terms.add(randn(r.nextLong(), 2, 3));
      List<Circuit> readouts = new ArrayList<>();
      for (int layer = 0; layer < 4; layer++) {
        Circuit stream = Add.of(List.copyOf(terms), null);
        readouts.add(GeneralFunction.of(SimpleFunction.TANH, stream, null));
        Circuit term = stream.einsum("ab,bc->ac", randn(r.nextLong(), 3, 3));
        terms.add(r.nextBoolean() ? term : Add.of(term, randn(r.nextLong(), 3)));
        if (r.nextInt(3) == 0) {
          terms.add(terms.get(r.nextInt(terms.size()))); // a repeated term
        }
      }
      readouts.add(Add.of(List.copyOf(terms), null));
      Circuit root = Add.of(readouts, null);
      for (Evaluator ev : evaluators()) {
        assertMatchesReference(root, ev.evaluate(root));
      }
    }
  }

  @Test
  void partialSumsFindTheLargestEarlierSubsetAdd() {
    Circuit t0 = randn(10, 2);
    Circuit t1 = randn(11, 2);
    Circuit t2 = randn(12, 2);
    Circuit t3 = randn(13, 2);
    Add s1 = Add.of(t0, t1);
    Add s2 = Add.of(t0, t1, t2);
    Add s3 = Add.of(t2, t0, t3, t1, t0);
    Add unrelated = Add.of(t3, t2, t1);
    Map<HashKey, PartialSums.Reuse> found = PartialSums.find(List.of(t0, t1, t2, t3, s1, s2,
        unrelated, s3));
    assertEquals(HashKey.of(s1), found.get(HashKey.of(s2)).prior());
    assertArrayEquals(new int[] {2}, found.get(HashKey.of(s2)).restChildren());
    assertEquals(HashKey.of(s2), found.get(HashKey.of(s3)).prior());
    assertArrayEquals(new int[] {2, 4}, found.get(HashKey.of(s3)).restChildren());
    assertNull(found.get(HashKey.of(unrelated)));
  }

  @Test
  void functionReturningAViewOfItsInputDoesNotLetAnAddOverwriteTheLeaf() {
    Array leaf = randn(20, 2, 3);
    INDArray before = leaf.value().dup();
    Circuit transposed = GeneralFunction.of(new TransposeView(), List.of(leaf), null);
    Circuit root = Add.of(transposed, Scalar.of(1.0, Shape.scalar(), null));
    INDArray got = Evaluator.builder().float64().memoryBudgetBytes(0).build().evaluate(root);
    assertEquals(before, leaf.value());
    assertEquals(before.transpose().add(1.0), got);
  }

  /** A user function whose kernel returns a view of its input (allowed, if unusual). */
  private static final class TransposeView implements GeneralFunctionSpec {
    @Override
    public String fnName() {
      return "transpose_view_test";
    }

    @Override
    public byte[] hashBytes() {
      byte[] h = new byte[32];
      h[0] = 42;
      return h;
    }

    @Override
    public ShapeInfo shapeInfo(List<Shape> inputShapes) {
      Shape s = inputShapes.get(0);
      return new ShapeInfo(Shape.of(s.get(1), s.get(0)), 2, List.of(false));
    }

    @Override
    public INDArray evaluate(List<INDArray> inputs) {
      return inputs.get(0).transpose();
    }
  }
}
