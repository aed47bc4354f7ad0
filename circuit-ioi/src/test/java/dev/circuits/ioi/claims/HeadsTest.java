package dev.circuits.ioi.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.circuits.gpt2.model.Head;
import dev.circuits.ioi.experiments.SweepMatrix;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Head labels, selection from sweeps, and comparisons with the expected heads. */
class HeadsTest {
  // layer 0: h0, h1, mlp; layer 1: h0, h1, mlp
  private static final SweepMatrix M = ClaimFixtures.sweep(4,
      new double[] {-0.1, 0.8, -9},
      new double[] {-2, -0.5, 0});

  @Test
  void parsesAndLabelsHeads() {
    assertEquals(new Head(9, 9), Heads.parse("9.9"));
    assertEquals(new Head(10, 7), Heads.parse(" a10.h7 "));
    assertEquals("10.7", Heads.label(new Head(10, 7)));
    assertEquals("9.6, 10.0", Heads.labels(List.of(new Head(9, 6), new Head(10, 0))));
    assertEquals("none", Heads.labels(List.of()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Heads.parse("m9"));
    assertTrue(e.getMessage().contains("'m9'"), e.getMessage());
  }

  @Test
  void selectKeepsHeadsOfOneSignAboveBothThresholdsStrongestFirst() {
    assertEquals(List.of(new Head(1, 0), new Head(1, 1)),
        Heads.select(M, Heads.Sign.NEGATIVE, 0.2, 0.1, 5), "the MLP's -9 is not a head");
    assertEquals(List.of(new Head(1, 0)), Heads.select(M, Heads.Sign.NEGATIVE, 0.2, 0.3, 5),
        "-0.5 is below 30% of the strongest head");
    assertEquals(List.of(new Head(1, 0), new Head(1, 1), new Head(0, 0)),
        Heads.select(M, Heads.Sign.NEGATIVE, 0, 0, 5));
    assertEquals(List.of(new Head(1, 0)), Heads.select(M, Heads.Sign.NEGATIVE, 0, 0, 1));
    assertEquals(List.of(new Head(0, 1)), Heads.select(M, Heads.Sign.POSITIVE, 0.5, 0.2, 5));
    assertEquals(List.of(), Heads.select(M, Heads.Sign.POSITIVE, 1, 0, 5));
  }

  @Test
  void selectionsAreSortedAndPassTheThresholdsOnRandomSweeps() {
    Random rng = new Random(11);
    for (int trial = 0; trial < 200; trial++) {
      double[][] v = new double[3][3];
      for (double[] row : v) {
        for (int c = 0; c < row.length; c++) {
          row[c] = rng.nextGaussian();
        }
      }
      SweepMatrix m = ClaimFixtures.sweep(1, v);
      double minAbs = rng.nextDouble();
      double minOfTop = rng.nextDouble();
      int max = 1 + rng.nextInt(4);
      for (Heads.Sign sign : Heads.Sign.values()) {
        List<Head> got = Heads.select(m, sign, minAbs, minOfTop, max);
        assertTrue(got.size() <= max);
        List<Double> values = new ArrayList<>();
        for (Head h : got) {
          double x = m.value(Heads.label(h));
          assertTrue(sign == Heads.Sign.NEGATIVE ? x < 0 : x > 0, "sign of " + h);
          assertTrue(Math.abs(x) >= minAbs, "minAbs for " + h);
          values.add(Math.abs(x));
        }
        for (int i = 1; i < values.size(); i++) {
          assertTrue(values.get(i) <= values.get(i - 1), "strongest first " + values);
          assertTrue(values.get(i) >= minOfTop * values.get(0), "minOfTop " + values);
        }
      }
    }
  }

  @Test
  void compareCountsTheExpectedHeadsFound() {
    List<Head> expected = List.of(new Head(9, 6), new Head(9, 9), new Head(10, 0));
    assertEquals("found 9.9, 11.2; expected 9.6, 9.9, 10.0 (1 of 3 found)",
        Heads.compare(List.of(new Head(9, 9), new Head(11, 2)), expected));
    assertEquals("found none; expected 9.6, 9.9, 10.0 (0 of 3 found)",
        Heads.compare(List.of(), expected));
    assertEquals("found 3.0 (no expectation for this model)",
        Heads.compare(List.of(new Head(3, 0)), List.of()));
    assertTrue(Heads.coversAll(List.of(new Head(10, 0), new Head(9, 9), new Head(9, 6),
        new Head(1, 1)), expected));
    assertFalse(Heads.coversAll(List.of(new Head(9, 9)), expected));
    assertFalse(Heads.coversAll(List.of(new Head(9, 9)), List.of()), "nothing expected");
  }
}
