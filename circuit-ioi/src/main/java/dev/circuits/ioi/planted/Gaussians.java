package dev.circuits.ioi.planted;

import java.util.SplittableRandom;

/**
 * Seeded standard-normal draws that are bit-identical on every JVM (Box-Muller with {@link
 * StrictMath}), so the planted weights are the same everywhere.
 */
final class Gaussians {
  private final SplittableRandom random;
  private double spare;
  private boolean hasSpare;

  Gaussians(long seed) {
    this.random = new SplittableRandom(seed);
  }

  double next() {
    if (hasSpare) {
      hasSpare = false;
      return spare;
    }
    double r = StrictMath.sqrt(-2.0 * StrictMath.log(1.0 - random.nextDouble()));
    double theta = 2.0 * StrictMath.PI * random.nextDouble();
    spare = r * StrictMath.sin(theta);
    hasSpare = true;
    return r * StrictMath.cos(theta);
  }

  /** A [rows][cols] matrix of N(0, std^2) draws. */
  double[][] matrix(int rows, int cols, double std) {
    double[][] m = new double[rows][cols];
    for (double[] row : m) {
      for (int j = 0; j < cols; j++) {
        row[j] = std * next();
      }
    }
    return m;
  }

  /** A random unit vector of length {@code n} whose entries sum to zero. */
  double[] zeroSumUnit(int n) {
    double[] v = new double[n];
    for (int j = 0; j < n; j++) {
      v[j] = next();
    }
    Linear.centreAndNormalise(v);
    return v;
  }
}
