package dev.circuits.core.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.circuits.core.Array;
import dev.circuits.core.Circuit;
import dev.circuits.core.GeneralFunction;
import dev.circuits.core.spec.GenIndexSpec;
import dev.circuits.core.spec.IndexValueException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Issue 15: gen_index checks the int64 index values before any narrowing. */
class GenIndexRangeTest {
  private static final int VOCAB = 5;
  private final Circuit table = Array.of(Nd4j.arange(VOCAB * 2).reshape(VOCAB, 2)
      .castTo(DataType.FLOAT), "t.w.tok_embeds");

  private IndexValueException outOfRange(long bad, Circuit x, GenIndexSpec spec) {
    Circuit ids = Array.of(Nd4j.createFromArray(new long[][] {{1, 2}, {3, bad}}), "tokens");
    EvaluationException e = assertThrows(EvaluationException.class,
        () -> Evaluator.create().evaluate(GeneralFunction.of(spec, List.of(x, ids), "embeds")));
    assertTrue(e.getMessage().contains("'embeds'"), e.getMessage());
    return assertInstanceOf(IndexValueException.class, e.getCause());
  }

  @Test
  void idsBeyondThirtyTwoBitsAreErrorsNamingPositionAndSize() {
    for (long bad : new long[] {(1L << 32) + 1, 1L << 40, VOCAB, -VOCAB - 1, Long.MIN_VALUE}) {
      IndexValueException e = outOfRange(bad, table, GenIndexSpec.at(0));
      assertEquals(bad, e.value());
      assertArrayEquals(new long[] {1, 1}, e.position());
      assertEquals(VOCAB, e.size());
      assertTrue(e.getMessage().contains("index " + bad + " at position [1, 1]")
          && e.getMessage().contains("size " + VOCAB), e.getMessage());
    }
  }

  @Test
  void batchedGenIndexChecksToo() {
    Circuit x = Array.of(Nd4j.arange(2 * 2 * VOCAB).reshape(2, 2, VOCAB)
        .castTo(DataType.FLOAT), "x");
    IndexValueException e = outOfRange(1L << 32, x, new GenIndexSpec(-1, true, true, false));
    assertArrayEquals(new long[] {1, 1}, e.position());
    assertEquals(VOCAB, e.size());
  }

  @Test
  void inRangeNegativeIdsCountFromTheEndAsInRustCircuit() {
    Circuit ids = Array.of(Nd4j.createFromArray(new long[] {-1, 0}), "tokens");
    INDArray got = Evaluator.create().evaluate(GeneralFunction.genIndex(table, ids, 0, null));
    assertEquals(Nd4j.createFromArray(new float[][] {{8, 9}, {0, 1}}), got);
  }
}
