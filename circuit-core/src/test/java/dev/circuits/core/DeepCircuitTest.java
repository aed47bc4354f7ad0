package dev.circuits.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.circuits.core.eval.Evaluator;
import dev.circuits.core.match.Matcher;
import dev.circuits.core.rewrite.SimpRules;
import dev.circuits.core.text.PrintOptions;
import dev.circuits.core.text.Printer;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Issue 15: circuits tens of thousands of levels deep hash, evaluate, substitute, simplify and
 * match without overflowing the stack (all iterative); printing, whose output grows with the
 * square of the depth, stops with a typed error before it runs out of memory (here a small
 * limit stands in for the heap's).
 */
class DeepCircuitTest {
  private static final int DEPTH = 20_000;

  private static Circuit chain(Circuit leaf) {
    Circuit c = leaf;
    for (int i = 0; i < DEPTH; i++) {
      c = Add.of(List.of(c), "n" + i);
    }
    return c;
  }

  @Test
  void deepChainsHashEvaluateSimplifyAndMatch() {
    Circuit c = chain(Scalar.of(2, Shape.of(3), "leaf"));
    assertEquals(64, c.hashHex().length());
    assertEquals(Nd4j.valueArrayOf(new long[] {3}, 2.0, DataType.FLOAT),
        Evaluator.create().evaluate(c));
    assertEquals(Scalar.of(2, Shape.of(3), "leaf"), SimpRules.defaults().simp(c));
    assertEquals(1, Matcher.named("leaf").get(c).size());
    assertTrue(c.freeSymbols().isEmpty());
    assertEquals(DEPTH + 1, c.postOrder().size());
  }

  @Test
  void deepModuleBodiesSubstitute() {
    Symbol s = Symbol.of(Shape.of(3), new UUID(0, 7), "s");
    Circuit body = chain(s);
    assertEquals(List.of(s), List.copyOf(body.freeSymbols()));
    Module m = Module.of(ModuleSpec.of(body, s), List.of(Scalar.of(5, Shape.of(3), "x")), "m");
    assertEquals(Nd4j.valueArrayOf(new long[] {3}, 5.0, DataType.FLOAT),
        Evaluator.create().evaluate(m));
  }

  @Test
  void printingIsIterativeAndBoundedByMemory() {
    Circuit c = chain(Scalar.of(2, Shape.of(3), "leaf"));
    String top = Printer.repr(PrintOptions.debugDefault(3), c);
    assertEquals(3, top.lines().count(), top);
    CircuitException e = assertThrows(CircuitException.class,
        () -> Printer.repr(PrintOptions.defaults().withMaxChars(1_000_000L), c));
    assertTrue(e.getMessage().contains("would exceed") && e.getMessage().contains("debugDefault"),
        e.getMessage());
  }
}
