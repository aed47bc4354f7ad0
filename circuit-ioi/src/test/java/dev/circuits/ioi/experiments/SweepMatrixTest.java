package dev.circuits.ioi.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A sweep's values by label, its ranking and its printed table. */
class SweepMatrixTest {
  private static final SweepMatrix M = new SweepMatrix(List.of("0", "1"),
      List.of("h0", "h1", "mlp"), new double[][] {{0.5, -2, 0}, {0.25, 0, 1}}, 4.5, 1.5);

  @Test
  void valuesByLabelAndRanking() {
    assertEquals(-2, M.value("0.1"));
    assertEquals(1, M.value("m1"));
    assertEquals(List.of("0.1", "m1", "0.0"), M.ranking().subList(0, 3));
  }

  @Test
  void printsAReadableTableNotArrayIdentities() {
    String text = M.toString();
    assertFalse(text.contains("[[D@"), text);
    assertTrue(text.startsWith("SweepMatrix (reference 4.5000, 1.5 s):"), text);
    assertEquals(List.of("layer        h0        h1       mlp",
        "    0    0.5000   -2.0000    0.0000",
        "    1    0.2500    0.0000    1.0000"), M.table().lines().toList());
  }
}
