package dev.circuits.ioi.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.circuits.gpt2.model.Head;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Scores from hand-made attention patterns of ideal heads. */
class RepeatScoresTest {
  private static final int LENGTH = 5;
  private static final int T = 1 + 2 * LENGTH;

  /** Each query attends fully to key {@code query - back} (or position 0 when that is < 0). */
  private static void attendBack(INDArray patterns, int head, int back) {
    for (int b = 0; b < patterns.size(1); b++) {
      for (int q = 0; q < T; q++) {
        patterns.putScalar(new long[] {head, b, q, Math.max(0, q - back)}, 1.0);
      }
    }
  }

  @Test
  void idealHeadsScoreOneOnTheirOwnKindOnly() {
    INDArray p = Nd4j.zeros(DataType.FLOAT, 4, 2, T, T); // 2 layers x 2 heads
    attendBack(p, 0, LENGTH);     // 0.0 duplicate
    attendBack(p, 1, 1);          // 0.1 previous token
    attendBack(p, 2, LENGTH - 1); // 1.0 induction
    attendBack(p, 3, 0);          // 1.1 attends itself
    RepeatScores s = RepeatScores.of(p, 2, 2, LENGTH);
    assertEquals(1.0, s.score(RepeatScores.Kind.DUPLICATE, new Head(0, 0)), 1e-9);
    assertEquals(1.0, s.score(RepeatScores.Kind.PREVIOUS, new Head(0, 1)), 1e-9);
    assertEquals(1.0, s.score(RepeatScores.Kind.INDUCTION, new Head(1, 0)), 1e-9);
    for (RepeatScores.Kind k : RepeatScores.Kind.values()) {
      assertEquals(0.0, s.score(k, new Head(1, 1)), 1e-9);
    }
    assertEquals(0.0, s.score(RepeatScores.Kind.INDUCTION, new Head(0, 0)), 1e-9);
    assertEquals(List.of(new Head(1, 0)), s.top(RepeatScores.Kind.INDUCTION, 1));
    assertEquals(List.of("h0", "h1"), s.heatmap(RepeatScores.Kind.PREVIOUS, "t").columnLabels());
  }

  @Test
  void rejectsPatternsOfTheWrongShape() {
    assertThrows(IllegalArgumentException.class,
        () -> RepeatScores.of(Nd4j.zeros(DataType.FLOAT, 3, 1, T, T), 2, 2, LENGTH));
  }
}
