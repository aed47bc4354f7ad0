package dev.circuits.core.eval;

import static dev.circuits.core.eval.ExactCases.assertMatchesReference;
import static dev.circuits.core.eval.ExactCases.evaluators;
import static dev.circuits.core.eval.ExactCases.randn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.circuits.core.Add;
import dev.circuits.core.Array;
import dev.circuits.core.Circuit;
import dev.circuits.core.ExpandNode;
import dev.circuits.core.GeneralFunction;
import dev.circuits.core.HashKey;
import dev.circuits.core.Scalar;
import dev.circuits.core.Shape;
import dev.circuits.core.spec.SimpleFunction;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * gelu_new (with a fused bias, {@link BiasGeluRule}), softmax and layer norm in float32 on the
 * Vector API agree with the reference, in place or not, for row lengths that are and are not a
 * multiple of the vector width, and so do the same functions with the Vector API switched off.
 */
class EvaluatorVectorKernelsTest {
  private static final double F32_TOL = 2e-6;

  /** Runs {@code check} with the Vector API kernels on (when loaded) and off. */
  private static void bothWays(Consumer<Evaluator> check) {
    boolean was = VectorSupport.enabled;
    try {
      for (boolean on : new boolean[] {true, false}) {
        VectorSupport.enabled = on && was;
        check.accept(Evaluator.builder().memoryBudgetBytes(0).build());
        check.accept(Evaluator.create());
      }
    } finally {
      VectorSupport.enabled = was;
    }
  }

  private static Array randnF(long seed, double scale, long... shape) {
    return Array.wrap(randn(seed, shape).value().mul(scale).castTo(DataType.FLOAT), null);
  }

  private static void assertCloseF32(Circuit c, INDArray got) {
    Tensors.assertClose(new ReferenceEvaluator().evaluate(c), got, F32_TOL, TreeDump.of(c));
  }

  @Test
  void theTestsRunWithTheVectorApiLoaded() {
    assertTrue(VectorSupport.enabled(), "run tests with --add-modules jdk.incubator.vector");
  }

  @Test
  void geluNewAndSoftmaxOverOddAndWholeRowLengths() {
    for (long len : new long[] {1, 5, 16, 37, 768}) {
      Array x = randnF(len, 4.0, 3, len);
      INDArray before = x.value().dup();
      Circuit gelu = GeneralFunction.of(SimpleFunction.GELU_NEW, x, null);
      Circuit softmax = GeneralFunction.of(SimpleFunction.SOFTMAX, x, null);
      Circuit computed = GeneralFunction.of(SimpleFunction.SOFTMAX, Add.of(x.einsum("ab,->ab",
          Scalar.of(3.0, Shape.scalar(), null)), randnF(len + 1, 1.0, len)),
          null); // a donated input: softmax overwrites the sum
      bothWays(ev -> {
        assertCloseF32(gelu, ev.evaluate(gelu));
        assertCloseF32(softmax, ev.evaluate(softmax));
        assertCloseF32(computed, ev.evaluate(computed));
        assertEquals(before, x.value());
      });
    }
  }

  @Test
  void geluNewTailsAndVeryNegativeSoftmaxRowsInFloat32() {
    Array x = Array.wrap(Nd4j.createFromArray(new float[][] {
        {-100, -40, -12, -3, -0.5f, 0, 1e-8f, 0.7f, 3, 12, 40, 100, -1e4f, -1e4f, -1e4f, 2, 1}}),
        null);
    Circuit gelu = GeneralFunction.of(SimpleFunction.GELU_NEW, x, null);
    Circuit softmax = GeneralFunction.of(SimpleFunction.SOFTMAX, x, null);
    bothWays(ev -> {
      assertCloseF32(gelu, ev.evaluate(gelu));
      assertCloseF32(softmax, ev.evaluate(softmax));
    });
  }

  @Test
  void biasPlusGeluNewIsOneFusionThatOverwritesOnlyAGemmResult() {
    Circuit gemm = randn(1, 2, 3, 4).einsum("btd,fd->btf", randn(2, 37, 4));
    Array leaf = randn(3, 2, 3, 37);
    INDArray leafBefore = leaf.value().dup();
    Array bias = randn(4, 37);
    Circuit onGemm = GeneralFunction.of(SimpleFunction.GELU_NEW, Add.of(gemm, bias), null);
    Circuit onLeaf = GeneralFunction.of(SimpleFunction.GELU_NEW, Add.of(bias.unsqueeze(0),
        leaf), null);
    Circuit gemmAlsoRead = Add.of(GeneralFunction.of(SimpleFunction.GELU_NEW, Add.of(gemm,
        bias), null), gemm);
    assertNotNull(BiasGeluRule.match(onGemm));
    assertNotNull(BiasGeluRule.match(onLeaf));
    assertNull(BiasGeluRule.match(GeneralFunction.of(SimpleFunction.GELU_NEW, Add.of(gemm,
        randn(5, 3, 37)), null))); // not a row of biases
    for (Evaluator ev : evaluators()) { // float64: the ND4J path
      for (Circuit c : List.of(onGemm, onLeaf, gemmAlsoRead)) {
        assertMatchesReference(c, ev.evaluate(c));
      }
    }
    List<Circuit> f32 = List.of(castF32(onGemm), castF32(onLeaf), castF32(gemmAlsoRead));
    bothWays(ev -> f32.forEach(c -> assertCloseF32(c, ev.evaluate(c))));
    assertEquals(leafBefore, leaf.value());
  }

  @Test
  void float32LayerNormOnTheVectorApiMatchesReference() {
    for (long d : new long[] {1, 7, 33, 768}) {
      Array x = randnF(10 + d, 3.0, 2, 5, d);
      Circuit negMean = x.einsum("abz,->ab", Scalar.of(-1.0 / d, Shape.scalar(),
          null));
      Circuit centred = Add.of(x, negMean.unsqueeze(2));
      Circuit var = centred.einsum("abz,abz,->ab", centred, Scalar.of(1.0 / d,
          Shape.scalar(), null));
      Circuit rstd = GeneralFunction.of(SimpleFunction.RSQRT, Add.of(var,
          Scalar.of(1e-5, Shape.scalar(), null)), null);
      Circuit out = Add.of(centred.einsum("abz,ab,z->abz", rstd, randnF(20 + d, 1.0, d)),
          randnF(30 + d, 1.0, d));
      assertNotNull(LayerNormRule.match(out));
      bothWays(ev -> Tensors.assertClose(new ReferenceEvaluator().evaluate(out), ev.evaluate(out),
          2e-5, "layer norm d=" + d));
    }
  }

  /** The same circuit over float32 leaves. */
  private static Circuit castF32(Circuit c) {
    return ExpandNode.replace(c, leavesToF32(c));
  }

  private static Map<HashKey, Circuit> leavesToF32(Circuit c) {
    Map<HashKey, Circuit> m = new HashMap<>();
    for (Circuit n : c.postOrder()) {
      if (n instanceof Array a && a.value().dataType() == DataType.DOUBLE) {
        m.put(HashKey.of(n), Array.wrap(a.value().castTo(DataType.FLOAT),
            null));
      }
    }
    return m;
  }
}
