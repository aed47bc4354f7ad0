package dev.circuits.ioi.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** PCA on data with known principal axes. */
class PcaTest {
  @Test
  void recoversTheAxesOfLargestVariance() {
    int n = 400;
    double[][] rows = new double[n][5];
    double[] a = new double[n];
    double[] b = new double[n];
    for (int i = 0; i < n; i++) {
      // exactly uncorrelated axes (cos, sin, and a faster cos), so the components are exact
      a[i] = 10 * Math.cos(2 * Math.PI * i / n);
      b[i] = 3 * Math.sin(2 * Math.PI * i / n);
      rows[i][2] = a[i] + 5; // the largest variance lives on axis 2, offset (centring removes it)
      rows[i][4] = b[i];     // the second largest on axis 4
      rows[i][0] = 0.5 * Math.cos(6 * Math.PI * i / n);
    }
    Pca p = Pca.of(rows);
    double meanA = java.util.Arrays.stream(a).average().orElseThrow();
    double meanB = java.util.Arrays.stream(b).average().orElseThrow();
    double sign1 = Math.signum(p.coordinates()[0][0] * (a[0] - meanA));
    double sign2 = Math.signum(p.coordinates()[0][1] * (b[0] - meanB));
    for (int i = 0; i < n; i++) {
      assertEquals(a[i] - meanA, sign1 * p.coordinates()[i][0], 1e-9);
      assertEquals(b[i] - meanB, sign2 * p.coordinates()[i][1], 1e-9);
    }
    assertTrue(p.explained()[0] > 0.85 && p.explained()[1] > 0.05
        && p.explained()[0] + p.explained()[1] < 1, java.util.Arrays.toString(p.explained()));
  }

  @Test
  void rejectsTooLittleData() {
    assertThrows(IllegalArgumentException.class, () -> Pca.of(new double[1][3]));
  }
}
