package dev.circuits.core.eval;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.circuits.core.Circuit;
import dev.circuits.core.testing.RandomCircuits;
import dev.circuits.core.testing.Seeds;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** On seeded random circuits, the ND4J evaluator (float64) agrees with the reference to 1e-9. */
class EvaluatorPropertyTest {
  private static final int SEEDS = 300;
  private static final double TOL = 1e-9;

  @Test
  void agreesWithReferenceOnRandomCircuits() {
    Evaluator ev = Evaluator.builder().float64().build();
    Seeds.forEach(SEEDS, seed -> check(ev, new RandomCircuits(seed).next(), seed));
  }

  @Test
  void agreesWithReferenceWithoutCache() {
    Evaluator ev = Evaluator.builder().float64().memoryBudgetBytes(0).build();
    Seeds.forEach(SEEDS / 3, seed -> check(ev, new RandomCircuits(1000 + seed).next(), seed));
  }

  @Test
  void float32AgreesToSinglePrecision() {
    Evaluator ev = Evaluator.create();
    Seeds.forEach(SEEDS / 3, seed -> {
      Circuit c = new RandomCircuits(2000 + seed).next();
      INDArray got = ev.evaluate(c);
      assertTrue(got.dataType() == DataType.FLOAT || got.dataType() == DataType.INT64);
      Tensors.assertClose(new ReferenceEvaluator().evaluate(c), got, 1e-3,
          "seed " + seed + ": " + c + "\n" + TreeDump.of(c));
    });
  }

  private static void check(Evaluator ev, Circuit c, long seed) {
    String context = "seed " + seed + ": " + c + "\n" + TreeDump.of(c);
    INDArray got = ev.evaluate(c);
    assertTrue(got.dataType() == DataType.DOUBLE || got.dataType() == DataType.INT64,
        () -> "dtype " + got.dataType() + "\n" + context);
    Tensors.assertClose(new ReferenceEvaluator().evaluate(c), got, TOL, context);
  }
}
