package dev.circuits.core.eval;

import static dev.circuits.core.eval.ExactCases.assertMatchesReference;
import static dev.circuits.core.eval.ExactCases.evaluators;
import static dev.circuits.core.eval.ExactCases.randn;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.circuits.core.Add;
import dev.circuits.core.Array;
import dev.circuits.core.Circuit;
import dev.circuits.core.Einsum;
import dev.circuits.core.GeneralFunction;
import dev.circuits.core.HashKey;
import dev.circuits.core.spec.SimpleFunction;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Einsums contracting one operand with same-shaped weight Arrays ({@link SiblingEinsums}) run as
 * one GEMM on stacked weights; each value agrees with the reference and the weights stay intact.
 */
class EvaluatorSiblingEinsumsTest {
  @Test
  void projectionsOfOneOperandMatchReferenceAndLeaveWeightsAlone() {
    Circuit x = randn(1, 2, 3, 4).einsum("btd,de->bte", randn(2, 4, 4)); // a computed operand
    List<Array> ws = List.of(randn(3, 2, 5, 4), randn(4, 2, 5, 4), randn(5, 2, 5, 4));
    List<INDArray> before = ws.stream().map(w -> w.value().dup()).toList();
    List<Circuit> proj = new ArrayList<>();
    for (Array w : ws) {
      proj.add(Einsum.fromString("btd,hcd->bhtc", List.of(x, w), null));
    }
    assertEquals(3, SiblingEinsums.find(proj, k -> false).values().stream().distinct()
        .findFirst().orElseThrow().members().size());
    Circuit root = Add.of(proj.get(0), GeneralFunction.of(SimpleFunction.TANH, proj.get(1), null),
        proj.get(2));
    for (Evaluator ev : evaluators()) {
      assertMatchesReference(root, ev.evaluate(root));
      List<INDArray> each = ev.evaluateMany(proj);
      for (int i = 0; i < proj.size(); i++) {
        assertMatchesReference(proj.get(i), each.get(i));
      }
    }
    for (int i = 0; i < ws.size(); i++) {
      assertEquals(before.get(i), ws.get(i).value());
    }
  }

  @Test
  void weightsWithTheContractedAxisFirstAndTheOperandSecondAlsoStack() {
    Circuit x = GeneralFunction.of(SimpleFunction.TANH, randn(10, 3, 4), null);
    Circuit a = Einsum.fromString("df,td->tf", List.of(randn(11, 4, 6), x), null);
    Circuit b = Einsum.fromString("df,td->tf", List.of(randn(12, 4, 6), x), null);
    assertEquals(2, SiblingEinsums.find(List.of(a, b), k -> false).size());
    Circuit root = Add.of(a, b);
    for (Evaluator ev : evaluators()) {
      assertMatchesReference(root, ev.evaluate(root));
    }
  }

  @Test
  void einsumsThatDifferAreNotGrouped() {
    Circuit x = randn(20, 3, 4).einsum("td,de->te", randn(21, 4, 4));
    Circuit plain = Einsum.fromString("td,fd->tf", List.of(x, randn(22, 5, 4)), null);
    Circuit otherShape = Einsum.fromString("td,fd->tf", List.of(x, randn(23, 6, 4)), null);
    Circuit otherOperand = Einsum.fromString("td,fd->tf", List.of(randn(24, 3, 4), randn(25, 5, 4)), null);
    Circuit batchInWeight = Einsum.fromString("td,td->t", List.of(x, randn(26, 3, 4)), null);
    Circuit batchInWeight2 = Einsum.fromString("td,td->t", List.of(x, randn(27, 3, 4)), null);
    assertEquals(0, SiblingEinsums.find(List.of(plain, otherShape, otherOperand, batchInWeight,
        batchInWeight2), k -> false).size());
    assertEquals(0, SiblingEinsums.find(List.of(plain,
        Einsum.fromString("td,fd->tf", List.of(x, randn(28, 5, 4)), null)),
        k -> k.equals(HashKey.of(plain))).size());
  }
}
