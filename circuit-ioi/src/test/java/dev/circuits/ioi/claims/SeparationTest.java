package dev.circuits.ioi.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Nearest-centroid separation on seeded Gaussian clouds. */
class SeparationTest {
  private static double[][] cloud(Random rnd, int n, double shift) {
    double[][] out = new double[n][3];
    for (double[] row : out) {
      for (int i = 0; i < row.length; i++) {
        row[i] = rnd.nextGaussian();
      }
      row[1] += shift;
    }
    return out;
  }

  @Test
  void farCloudsSeparateAndIdenticalOnesDoNot() {
    for (long seed = 1; seed <= 10; seed++) {
      Random rnd = new Random(seed);
      Separation far = Separation.of(cloud(rnd, 200, 8), cloud(rnd, 200, 0), cloud(rnd, 200, 8),
          cloud(rnd, 200, 0));
      assertTrue(far.accuracy() > 0.99 && far.dPrime() > 6, far.toString());
      Separation same = Separation.of(cloud(rnd, 200, 0), cloud(rnd, 200, 0), cloud(rnd, 200, 0),
          cloud(rnd, 200, 0));
      assertTrue(same.accuracy() < 0.6 && Math.abs(same.dPrime()) < 0.5, same.toString());
    }
  }

  @Test
  void dPrimeIsTheGapInPooledStandardDeviations() {
    double[][] a = {{2}, {4}};
    double[][] b = {{-2}, {-4}};
    Separation s = Separation.of(a, b, a, b);
    assertEquals(1.0, s.accuracy(), 1e-12);
    assertEquals(6 / Math.sqrt(2), s.dPrime(), 1e-9);
  }

  @Test
  void needsBothClasses() {
    assertThrows(IllegalArgumentException.class,
        () -> Separation.of(new double[0][], new double[][] {{1}}, new double[][] {{1}},
            new double[][] {{1}}));
  }
}
