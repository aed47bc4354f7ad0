package dev.circuits.core.eval;

import static dev.circuits.core.eval.Tensors.assertValues;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.circuits.core.Add;
import dev.circuits.core.Array;
import dev.circuits.core.Circuit;
import dev.circuits.core.Concat;
import dev.circuits.core.DiscreteVar;
import dev.circuits.core.Einsum;
import dev.circuits.core.GeneralFunction;
import dev.circuits.core.Module;
import dev.circuits.core.ModuleSpec;
import dev.circuits.core.Rearrange;
import dev.circuits.core.Scalar;
import dev.circuits.core.Scatter;
import dev.circuits.core.Shape;
import dev.circuits.core.Symbol;
import dev.circuits.core.Tag;
import dev.circuits.core.spec.CastSpec;
import dev.circuits.core.spec.SimpleFunction;
import dev.circuits.core.spec.TensorIndex;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Each node type on small inputs with hand-computed values. */
class EvaluatorNodeTest {
  private final Evaluator ev = Evaluator.builder().float64().build();

  private static Array arr(double[] data, long... shape) {
    return Array.of(Nd4j.create(data, shape, DataType.DOUBLE), null);
  }

  private static Array arange(long... shape) {
    int n = (int) Shape.of(shape).numel();
    double[] d = new double[n];
    for (int i = 0; i < n; i++) {
      d[i] = i;
    }
    return arr(d, shape);
  }

  @Test
  void einsumDiagonalOfRepeatedInputInt() {
    assertValues(new long[] {2}, new double[] {1, 4},
        ev.evaluate(arr(new double[] {1, 2, 3, 4}, 2, 2).einsum("aa->a")), 0);
  }

  @Test
  void einsumRepeatedOutputIntBuildsDiagonal() {
    assertValues(new long[] {2, 2}, new double[] {1, 0, 0, 2},
        ev.evaluate(arr(new double[] {1, 2}, 2).einsum("a->aa")), 0);
  }

  @Test
  void einsumMatrixProduct() {
    Circuit a = arr(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
    Circuit b = arr(new double[] {1, 0, 0, 1, 1, 1}, 3, 2);
    assertValues(new long[] {2, 2}, new double[] {4, 5, 10, 11},
        ev.evaluate(a.einsum("ab,bc->ac", b)), 1e-12);
  }

  @Test
  void einsumTransposedOutputAndTrace() {
    Circuit a = arr(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
    Circuit b = arr(new double[] {1, 0, 0, 1, 1, 1}, 3, 2);
    assertValues(new long[] {2, 2}, new double[] {4, 10, 5, 11},
        ev.evaluate(a.einsum("ab,bc->ca", b)), 1e-12);
    assertValues(new long[] {}, new double[] {5},
        ev.evaluate(arr(new double[] {1, 2, 3, 4}, 2, 2).einsum("aa->")), 0);
  }

  @Test
  void einsumBatchedAttentionScores() {
    Circuit q = arange(1, 2, 2, 3);
    Circuit k = arange(1, 2, 2, 3).mulScalar(-1);
    INDArray got = ev.evaluate(q.einsum("bhqd,bhkd->bhqk", k));
    double[] expected = new double[8];
    for (int h = 0; h < 2; h++) {
      for (int i = 0; i < 2; i++) {
        for (int j = 0; j < 2; j++) {
          double s = 0;
          for (int d = 0; d < 3; d++) {
            s += (h * 6 + i * 3 + d) * -(h * 6 + j * 3 + d);
          }
          expected[h * 4 + i * 2 + j] = s;
        }
      }
    }
    assertValues(new long[] {1, 2, 2, 2}, expected, got, 1e-12);
  }

  @Test
  void einsumWithNoOperandsIsOne() {
    assertValues(new long[] {}, new double[] {1}, ev.evaluate(Einsum.of(List.of(), new int[0],
        null)), 0);
  }

  @Test
  void einsumScalarMultiplyAndMean() {
    Circuit x = arr(new double[] {1, 2, 3, 4}, 2, 2);
    assertValues(new long[] {2, 2}, new double[] {-1, -2, -3, -4}, ev.evaluate(x.mulScalar(-1)),
        0);
    Circuit mean = x.sum(1).mul(Scalar.of(0.5));
    assertValues(new long[] {2}, new double[] {1.5, 3.5}, ev.evaluate(mean), 1e-12);
  }

  @Test
  void addBroadcastsNumpyStyle() {
    Circuit col = arr(new double[] {10, 20}, 2, 1);
    Circuit row = arr(new double[] {1, 2, 3}, 3);
    assertValues(new long[] {2, 3}, new double[] {11, 12, 13, 21, 22, 23},
        ev.evaluate(Add.of(row, col)), 0);
    assertValues(new long[] {2, 3}, new double[] {111, 112, 113, 121, 122, 123},
        ev.evaluate(Add.of(row, col, Scalar.of(100))), 0);
    assertValues(new long[] {}, new double[] {0}, ev.evaluate(Add.of()), 0);
  }

  @Test
  void rearrangeSplitsPermutesAndMerges() {
    // x[(a b), c] with a=2, b=3, c=2; out[c, a, b] = x[a*3+b, c] = 2*(a*3+b)+c
    INDArray got = ev.evaluate(arange(6, 2).rearrange("(a:2 b) c -> c a b"));
    assertValues(new long[] {2, 2, 3}, new double[] {0, 2, 4, 6, 8, 10, 1, 3, 5, 7, 9, 11}, got,
        0);
  }

  @Test
  void rearrangeRepeats() {
    assertValues(new long[] {4, 2}, new double[] {5, 7, 5, 7, 5, 7, 5, 7},
        ev.evaluate(arr(new double[] {5, 7}, 2).rearrange("a -> 4 a")), 0);
  }

  @Test
  void indexWithNegativeIntsSlicesAndTensors() {
    Circuit x = arange(3, 4);
    TensorIndex idx = TensorIndex.of(TensorIndex.at(-1),
        new TensorIndex.Tensor(Nd4j.createFromArray(0L, -1L, 1L)));
    assertValues(new long[] {3}, new double[] {8, 11, 9}, ev.evaluate(x.index(idx)), 0);
    TensorIndex slices = TensorIndex.of(TensorIndex.slice(1L, null), TensorIndex.slice(-2L, null));
    assertValues(new long[] {2, 2}, new double[] {6, 7, 10, 11}, ev.evaluate(x.index(slices)), 0);
  }

  @Test
  void concatAndScatter() {
    Circuit a = arr(new double[] {1, 2}, 2, 1);
    Circuit b = arr(new double[] {3, 4, 5, 6}, 2, 2);
    assertValues(new long[] {2, 3}, new double[] {1, 3, 4, 2, 5, 6},
        ev.evaluate(Concat.of(List.of(a, b), 1, null)), 0);
    Circuit s = Scatter.of(arr(new double[] {7, 8}, 2), TensorIndex.of(TensorIndex.slice(1L, 3L)),
        Shape.of(4), null);
    assertValues(new long[] {4}, new double[] {0, 7, 8, 0}, ev.evaluate(s), 0);
  }

  @Test
  void softmaxAndLogSoftmax() {
    Circuit x = arr(new double[] {1, 2, 3}, 3);
    double z = Math.exp(1) + Math.exp(2) + Math.exp(3);
    assertValues(new long[] {3}, new double[] {Math.exp(1) / z, Math.exp(2) / z, Math.exp(3) / z},
        ev.evaluate(GeneralFunction.of(SimpleFunction.SOFTMAX, x, null)), 1e-12);
    assertValues(new long[] {3}, new double[] {1 - Math.log(z), 2 - Math.log(z), 3 - Math.log(z)},
        ev.evaluate(GeneralFunction.of(SimpleFunction.LOG_SOFTMAX, x, null)), 1e-12);
  }

  @Test
  void erfGeluDiffersFromGeluNewAtMinusThree() {
    Evaluator f32 = Evaluator.create();
    Circuit x = Array.of(Nd4j.createFromArray(-3f), null);
    double gelu = f32.evaluate(GeneralFunction.of(SimpleFunction.GELU, x, null)).getDouble(0);
    double geluNew = f32.evaluate(GeneralFunction.of(SimpleFunction.GELU_NEW, x, null))
        .getDouble(0);
    assertEquals(-0.00405, gelu, 5e-5);
    assertEquals(-0.00364, geluNew, 5e-5);
  }

  @Test
  void geluNewMatchesTheTanhFormulaFarIntoBothTails() {
    double[] xs = {-40, -12, -3, -0.5, 0, 1e-8, 0.7, 3, 12, 40};
    INDArray got = ev.evaluate(GeneralFunction.of(SimpleFunction.GELU_NEW, arr(xs, xs.length),
        null));
    for (int i = 0; i < xs.length; i++) {
      double x = xs[i];
      double want = 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));
      assertEquals(want, got.getDouble(i), 1e-15 + 1e-12 * Math.abs(want), "x = " + x);
    }
  }

  @Test
  void softmaxMasksMinusInfinityAndSurvivesVeryNegativeRows() {
    double e = Math.exp(1);
    for (Evaluator f : List.of(ev, Evaluator.create())) {
      INDArray got = f.evaluate(GeneralFunction.of(SimpleFunction.SOFTMAX, arr(new double[] {1,
          Double.NEGATIVE_INFINITY, 2, -1.4e6, -1e4, -1e4}, 2, 3), null));
      assertValues(new long[] {2, 3}, new double[] {1 / (1 + e), 0, e / (1 + e), 0, 0.5, 0.5},
          got, 1e-6);
    }
  }

  @Test
  void genIndexGathersEmbeddingRows() {
    Circuit table = arange(5, 2);
    Circuit ids = Array.of(Nd4j.createFromArray(new long[][] {{1, 4}, {0, 0}}), null);
    INDArray got = ev.evaluate(GeneralFunction.genIndex(table, ids, 0, null));
    assertValues(new long[] {2, 2, 2}, new double[] {2, 3, 8, 9, 0, 1, 0, 1}, got, 0);
  }

  @Test
  void integersStayInt64AndCastTruncates() {
    Circuit ids = Array.of(Nd4j.createFromArray(3, 1, 2), null);
    assertEquals(DataType.INT64, ev.evaluate(ids).dataType());
    Circuit x = arr(new double[] {-1.7, 2.9}, 2);
    INDArray cast = ev.evaluate(GeneralFunction.of(CastSpec.to("int64"), List.of(x), null));
    assertEquals(DataType.INT64, cast.dataType());
    assertValues(new long[] {2}, new double[] {-1, 2}, cast, 0);
    Circuit f32 = Array.of(Nd4j.createFromArray(1.5f), null);
    assertEquals(DataType.DOUBLE, ev.evaluate(f32).dataType());
  }

  @Test
  void scalarFillsAndTagIsIdentity() {
    assertValues(new long[] {2, 2}, new double[] {2.5, 2.5, 2.5, 2.5},
        ev.evaluate(Scalar.of(2.5, Shape.of(2, 2), null)), 0);
    Circuit x = arr(new double[] {1, 2}, 2);
    assertValues(new long[] {2}, new double[] {1, 2}, ev.evaluate(Tag.newWithRandomUuid(x, null)),
        0);
  }

  @Test
  void moduleWithBatchedArgStacksResults() {
    Symbol s = Symbol.newWithRandomUuid(Shape.of(2), "x");
    ModuleSpec spec = ModuleSpec.of(GeneralFunction.of(SimpleFunction.SOFTMAX, s, null), s);
    Circuit batched = arr(new double[] {0, 0, 0, Math.log(3)}, 2, 2);
    INDArray got = ev.evaluate(Module.of(spec, List.of(batched), "m"));
    assertValues(new long[] {2, 2}, new double[] {0.5, 0.5, 0.25, 0.75}, got, 1e-12);
  }

  @Test
  void symbolsAndVarsAreRejectedByName() {
    Symbol s = Symbol.newWithRandomUuid(Shape.of(2), "free_x");
    EvaluationException e = assertThrows(EvaluationException.class,
        () -> ev.evaluate(s.add(arr(new double[] {1, 2}, 2))));
    assertTrue(e.getMessage().contains("'free_x' Symbol [2]"), e.getMessage());
    Circuit v = DiscreteVar.uniform(arange(3, 2), "the_var");
    e = assertThrows(EvaluationException.class, () -> ev.evaluate(v));
    assertTrue(e.getMessage().contains("'the_var' DiscreteVar [2]"), e.getMessage());
  }

  @Test
  void nonContiguousArraysAreRead() {
    INDArray base = Nd4j.create(new double[] {1, 2, 3, 4, 5, 6}, new long[] {2, 3},
        DataType.DOUBLE);
    Circuit t = Array.wrap(base.transpose(), null);
    assertValues(new long[] {3, 2}, new double[] {1, 4, 2, 5, 3, 6},
        ev.evaluate(Rearrange.fromString(t, "a b -> a b", null)), 0);
    assertValues(new long[] {3}, new double[] {5, 7, 9}, ev.evaluate(t.sum(1)), 1e-12);
  }
}
