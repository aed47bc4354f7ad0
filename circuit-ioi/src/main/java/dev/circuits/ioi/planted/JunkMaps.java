package dev.circuits.ioi.planted;

/**
 * Seeded random write maps into a span that nothing reads (the decoys' outputs): one fresh
 * Gaussian draw per call, with zero-sum columns (so they need no balance) and total gain
 * {@code gain}.
 */
final class JunkMaps {
  private final Gaussians gaussians;
  private final Span junk;
  private final double gain;
  private final Linear linear;

  JunkMaps(long seed, Span junk, double gain, Linear linear) {
    this.gaussians = new Gaussians(seed);
    this.junk = junk;
    this.gain = gain;
    this.linear = linear;
  }

  /** A [d_model][inputs] write map into the junk span. */
  double[][] from(int inputs) {
    double[][] m = gaussians.matrix(junk.size(), inputs, gain / Math.sqrt(junk.size()));
    for (int c = 0; c < inputs; c++) {
      double mean = 0;
      for (double[] row : m) {
        mean += row[c] / junk.size();
      }
      for (double[] row : m) {
        row[c] -= mean;
      }
    }
    return linear.write(junk, m);
  }
}
