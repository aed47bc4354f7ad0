package dev.circuits.ioi.planted;

/**
 * {@code count} unit vectors of length {@code dim}, each summing to zero, spread apart so that
 * their largest pairwise |cosine| (coherence) is small: random draws, then gradient steps on the
 * frame potential {@code sum_{a != b} (v_a . v_b)^8}, which mostly pushes down the largest
 * overlaps. For 99 names in 48 dimensions the coherence drops from about 0.5 (random) to below
 * 0.15 (the Welch bound is 0.11). Deterministic for a given seed.
 */
final class NameFrame {
  private static final double STEP = 0.005;

  private NameFrame() {}

  static double[][] build(int count, int dim, int iterations, long seed) {
    Gaussians g = new Gaussians(seed);
    double[][] v = new double[count][];
    for (int a = 0; a < count; a++) {
      v[a] = g.zeroSumUnit(dim);
    }
    double[][] gram = new double[count][count];
    double[][] grad = new double[count][dim];
    for (int it = 0; it < iterations; it++) {
      for (int a = 0; a < count; a++) {
        for (int b = 0; b < count; b++) {
          double d = dot(v[a], v[b]);
          double d2 = d * d;
          gram[a][b] = a == b ? 0 : d * d2 * d2 * d2; // derivative of d^8, over 8
        }
      }
      double maxAbs = 0;
      for (int a = 0; a < count; a++) {
        java.util.Arrays.fill(grad[a], 0);
        for (int b = 0; b < count; b++) {
          double w = gram[a][b];
          for (int j = 0; j < dim; j++) {
            grad[a][j] += w * v[b][j];
          }
        }
        for (int j = 0; j < dim; j++) {
          maxAbs = Math.max(maxAbs, Math.abs(grad[a][j]));
        }
      }
      for (int a = 0; a < count; a++) {
        for (int j = 0; j < dim; j++) {
          v[a][j] -= STEP * grad[a][j] / (maxAbs + 1e-12);
        }
        Linear.centreAndNormalise(v[a]);
      }
    }
    return v;
  }

  /** The largest |cosine| between two different vectors of a frame of unit vectors. */
  static double coherence(double[][] v) {
    double max = 0;
    for (int a = 0; a < v.length; a++) {
      for (int b = a + 1; b < v.length; b++) {
        max = Math.max(max, Math.abs(dot(v[a], v[b])));
      }
    }
    return max;
  }

  static double dot(double[] x, double[] y) {
    double s = 0;
    for (int j = 0; j < x.length; j++) {
      s += x[j] * y[j];
    }
    return s;
  }
}
