package dev.circuits.core.eval;

import static dev.circuits.core.eval.ExactCases.assertMatchesReference;
import static dev.circuits.core.eval.ExactCases.evaluators;
import static dev.circuits.core.eval.ExactCases.randn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.circuits.core.Add;
import dev.circuits.core.Array;
import dev.circuits.core.Circuit;
import dev.circuits.core.Einsum;
import dev.circuits.core.GeneralFunction;
import dev.circuits.core.HashKey;
import dev.circuits.core.Index;
import dev.circuits.core.Shape;
import dev.circuits.core.spec.SimpleFunction;
import dev.circuits.core.spec.TensorIndex;
import dev.circuits.core.testing.RandomCircuits;
import dev.circuits.core.testing.Seeds;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Nodes read only through one index are computed indexed ({@link IndexSinking}): values agree with
 * the reference, nodes still read whole are computed whole, and cached values are reused as is.
 */
class EvaluatorIndexSinkingTest {
  /** A residual stack over [batch, pos, d]: a position-mixing layer, then an MLP-like block. */
  private record Stack(Circuit in, Circuit mixed, Circuit mlp1, Circuit out) {
    static Stack of() {
      Array x = randn(1, 2, 5, 4);
      Circuit h0 = GeneralFunction.of(SimpleFunction.TANH, x.einsum("btd,ed->bte",
          randn(2, 4, 4)), "h0");
      Circuit mixed = Einsum.fromString("bsd,ts->btd", List.of(h0, randn(5, 5, 5)), "mixed");
      Circuit stream1 = Add.of(List.of(x, mixed), "stream1");
      Circuit act = GeneralFunction.of(SimpleFunction.GELU_NEW, stream1.einsum("btd,fd->btf",
          randn(3, 6, 4)), "act1");
      Circuit mlp1 = Einsum.fromString("btf,df->btd", List.of(act, randn(4, 4, 6)), "mlp1");
      return new Stack(x, mixed, mlp1, Add.of(List.of(x, mixed, mlp1), "out"));
    }
  }

  private static Index lastPosition(Circuit c) {
    return Index.of(c, TensorIndex.of(TensorIndex.Slice.ALL, TensorIndex.at(-1)), "last");
  }

  @Test
  void lastPositionOfAResidualStackMatchesReference() {
    Stack s = Stack.of();
    Index root = lastPosition(s.out());
    for (Evaluator ev : evaluators()) {
      assertMatchesReference(root, ev.evaluate(root));
    }
  }

  @Test
  void onlyNodesReadThroughTheIndexAreComputedIndexed() {
    Stack s = Stack.of();
    Circuit sunk = IndexSinking.apply(List.of(lastPosition(s.out())), k -> false).get(0);
    Map<String, Shape> shapes = new HashMap<>();
    for (Circuit c : sunk.postOrder()) {
      if (c.isNamed()) {
        shapes.put(c.name(), c.shape());
      }
    }
    assertEquals(Shape.of(2, 6), shapes.get("act1")); // the MLP runs on the last position only
    assertEquals(Shape.of(2, 4), shapes.get("mlp1"));
    assertEquals(Shape.of(2, 5, 4), shapes.get("h0")); // mixed over positions: read whole
    List<Circuit> both = IndexSinking.apply(List.of(lastPosition(s.out()), s.mlp1()),
        k -> false);
    assertSame(s.mlp1(), both.get(1)); // an output stays whole
  }

  @Test
  void cachedNodesAreIndexedNotRecomputed() {
    Stack s = Stack.of();
    Index root = lastPosition(s.out());
    assertEquals(List.of(root), IndexSinking.apply(List.of(root),
        k -> k.equals(HashKey.of(s.out()))));
    for (Evaluator ev : evaluators()) {
      INDArray whole = ev.evaluate(s.out());
      assertMatchesReference(root, ev.evaluate(root));
      assertMatchesReference(s.out(), whole);
    }
  }

  @Test
  void randomCircuitsReadThroughRandomIndicesMatchReference() {
    Evaluator ev = Evaluator.builder().float64().memoryBudgetBytes(0).build();
    Seeds.forEach(150, seed -> {
      Circuit c = new RandomCircuits(5000 + seed).next();
      if (c.rank() == 0) {
        return;
      }
      Index root = Index.of(c, randomBasicIndex(c.shape(), new SplittableRandom(seed)), null);
      INDArray got = ev.evaluate(root);
      Tensors.assertClose(new ReferenceEvaluator().evaluate(root), got, ExactCases.TOL,
          "seed " + seed + ": " + root + "\n" + TreeDump.of(root));
    });
  }

  private static TensorIndex randomBasicIndex(Shape shape, SplittableRandom r) {
    List<TensorIndex.Axis> axes = new ArrayList<>();
    for (int a = 0; a < shape.rank(); a++) {
      long l = shape.get(a);
      int kind = l == 0 ? 2 : r.nextInt(3);
      if (kind == 0) {
        axes.add(TensorIndex.at(r.nextLong(-l, l)));
      } else if (kind == 1) {
        long start = r.nextLong(l);
        axes.add(TensorIndex.slice(start, start + 1 + r.nextLong(l - start)));
      } else {
        axes.add(TensorIndex.Slice.ALL);
      }
    }
    return TensorIndex.of(axes);
  }
}
