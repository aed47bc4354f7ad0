package dev.circuits.core.eval;

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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Attention written as einsums ({@link AttentionRule}) runs as one float32 kernel per head on the
 * Vector API and agrees with the reference, with and without masks, for head sizes that are and
 * are not multiples of the vector width; its inputs are left alone.
 */
class EvaluatorAttentionFusionTest {
  private static Array f32(long seed, long... shape) {
    return Array.wrap(randn(seed, shape).value().castTo(DataType.FLOAT), null);
  }

  private static Array causal(int t, float inside, float outside) {
    INDArray m = Nd4j.create(DataType.FLOAT, t, t);
    for (int i = 0; i < t; i++) {
      for (int j = 0; j < t; j++) {
        m.putScalar(i, j, i >= j ? inside : outside);
      }
    }
    return Array.wrap(m, null);
  }

  /** softmax(scale q·kᵀ [∘ mask] [+ bias]) · v over [batch, head, t, *]. */
  private static Circuit attention(Circuit q, Circuit k, Circuit v, Circuit mask, Circuit bias) {
    List<Circuit> ops = new ArrayList<>(List.of(q, k, Scalar.of(0.3, Shape.scalar(), null)));
    String spec = "bhtc,bhsc,";
    if (mask != null) {
      ops.add(mask);
      spec += ",ts";
    }
    Circuit raw = Einsum.fromString(spec + "->bhts", List.of(ops.toArray(new Circuit[0])), null);
    Circuit scores = bias == null ? raw : Add.of(raw, bias);
    Circuit probs = GeneralFunction.of(SimpleFunction.SOFTMAX, scores, null);
    return Einsum.fromString("bhts,bhsd->bhtd", List.of(probs, v), null);
  }

  private static void check(Circuit root) {
    boolean was = VectorSupport.enabled;
    try {
      for (boolean on : new boolean[] {true, false}) {
        VectorSupport.enabled = on && was;
        INDArray got = Evaluator.builder().memoryBudgetBytes(0).build().evaluate(root);
        Tensors.assertClose(new ReferenceEvaluator().evaluate(root), got, 1e-5,
            TreeDump.of(root));
      }
    } finally {
      VectorSupport.enabled = was;
    }
  }

  @Test
  void maskedAttentionLikeGpt2sMatchesReferenceAndLeavesInputsAlone() {
    Array q = f32(1, 2, 3, 16, 64);
    Array k = f32(2, 2, 3, 16, 64);
    Array v = f32(3, 2, 3, 16, 64);
    INDArray q0 = q.value().dup();
    Circuit root = attention(q, k, v, causal(16, 1, 0), causal(16, 0, -10000));
    assertNotNull(AttentionRule.match(root, DataType.FLOAT));
    assertNull(AttentionRule.match(root, DataType.DOUBLE));
    check(root);
    assertEquals(q0, q.value());
  }

  @Test
  void oddSizesAndOptionalMasksMatchReference() {
    Circuit q = f32(10, 2, 2, 5, 3).einsum("bhtc,cd->bhtd", f32(11, 3, 3)); // computed inputs
    Circuit k = f32(12, 2, 2, 37, 3);
    Circuit v = f32(13, 2, 2, 37, 20);
    List<Circuit> roots = List.of(
        attention(q, k, v, null, null),
        attention(q, k, v, null, f32(14, 37)), // a bias over keys only
        attention(q, k, v, f32(15, 5, 37), f32(16, 1, 5, 37)),
        attention(q, q, q, null, null)); // self-attention with one tensor
    for (Circuit root : roots) {
      assertNotNull(AttentionRule.match(root, DataType.FLOAT), root::toString);
      check(root);
    }
  }

  @Test
  void scoresThatAreNotQTimesKOrBiasesPerHeadAreLeftUnfused() {
    Array q = f32(20, 2, 3, 4, 8);
    Array k = f32(21, 2, 3, 4, 8);
    Array v = f32(22, 2, 3, 4, 8);
    Circuit perHeadBias = attention(q, k, v, null, f32(23, 3, 4, 4));
    Circuit transposedMix = Einsum.fromString("bhts,bhsd->bhdt", List.of(((Einsum) attention(q, k, v, null, null)).child(0), v), null);
    for (Circuit c : List.of(perHeadBias, transposedMix)) {
      assertNull(AttentionRule.match(c, DataType.FLOAT));
      check(c);
    }
  }
}
