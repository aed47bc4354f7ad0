package dev.circuits.ioi.planted;

/**
 * Small dense-matrix helpers for designing head weights: read maps ([rows][d_model], applied to
 * the normalised residual) and write maps ([d_model][cols], added to the residual) of one
 * residual width, plus width-free helpers (Helmert bases, shifts, scaling) as static methods.
 */
final class Linear {
  private final int dModel;

  Linear(int dModel) {
    this.dModel = dModel;
  }

  /** A read map that applies {@code m} ([rows][span.size]) to the dimensions of {@code span}. */
  double[][] read(Span span, double[][] m) {
    double[][] out = new double[m.length][dModel];
    for (int r = 0; r < m.length; r++) {
      if (m[r].length != span.size()) {
        throw new IllegalArgumentException("read map row has " + m[r].length
            + " columns, expected " + span.size());
      }
      System.arraycopy(m[r], 0, out[r], span.start(), span.size());
    }
    return out;
  }

  /** A one-row read map of dimension {@code dim}. */
  double[][] read(int dim) {
    return new double[][] {unit(dim)};
  }

  /** The unit vector of residual dimension {@code dim}. */
  double[] unit(int dim) {
    double[] v = new double[dModel];
    v[dim] = 1;
    return v;
  }

  /** A write map that puts {@code m} ([span.size][cols]) into the dimensions of {@code span}. */
  double[][] write(Span span, double[][] m) {
    int cols = m[0].length;
    double[][] out = new double[dModel][cols];
    if (m.length != span.size()) {
      throw new IllegalArgumentException("write map has " + m.length + " rows, expected "
          + span.size());
    }
    for (int r = 0; r < m.length; r++) {
      System.arraycopy(m[r], 0, out[span.start() + r], 0, cols);
    }
    return out;
  }

  /** A one-column write map adding {@code gain} times its input to dimension {@code dim}. */
  double[][] write(int dim, double gain) {
    double[][] out = new double[dModel][1];
    out[dim][0] = gain;
    return out;
  }

  /**
   * The Helmert basis: {@code n - 1} orthonormal rows spanning the zero-sum vectors of length n
   * (row k-1 is {@code (1,...,1,-k,0,...)/sqrt(k(k+1))} with k ones). Zero-sum codes keep their
   * inner products under it while needing one coordinate less inside a head.
   */
  static double[][] helmert(int n) {
    double[][] b = new double[n - 1][n];
    for (int k = 1; k < n; k++) {
      double norm = Math.sqrt((double) k * (k + 1));
      for (int j = 0; j < k; j++) {
        b[k - 1][j] = 1 / norm;
      }
      b[k - 1][k] = -k / norm;
    }
    return b;
  }

  /** {@code m} with column j taken from column (j - 1) mod n: reads a cyclic code one step back. */
  static double[][] shiftBack(double[][] m) {
    int n = m[0].length;
    double[][] out = new double[m.length][n];
    for (int r = 0; r < m.length; r++) {
      for (int j = 0; j < n; j++) {
        out[r][j] = m[r][Math.floorMod(j - 1, n)];
      }
    }
    return out;
  }

  static double[][] transpose(double[][] m) {
    double[][] t = new double[m[0].length][m.length];
    for (int i = 0; i < m.length; i++) {
      for (int j = 0; j < m[0].length; j++) {
        t[j][i] = m[i][j];
      }
    }
    return t;
  }

  static double[][] scale(double[][] m, double s) {
    double[][] out = new double[m.length][];
    for (int i = 0; i < m.length; i++) {
      out[i] = new double[m[i].length];
      for (int j = 0; j < m[i].length; j++) {
        out[i][j] = s * m[i][j];
      }
    }
    return out;
  }

  /** {@code wa * a + wb * b}, entry by entry (two maps of the same shape). */
  static double[][] sum(double wa, double[][] a, double wb, double[][] b) {
    if (a.length != b.length || a[0].length != b[0].length) {
      throw new IllegalArgumentException("cannot add a " + a.length + "x" + a[0].length
          + " map to a " + b.length + "x" + b[0].length + " map");
    }
    double[][] out = new double[a.length][a[0].length];
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a[0].length; j++) {
        out[i][j] = wa * a[i][j] + wb * b[i][j];
      }
    }
    return out;
  }

  /** Subtracts the mean of {@code v} and scales it to unit length, in place. */
  static void centreAndNormalise(double[] v) {
    double mean = 0;
    for (double x : v) {
      mean += x;
    }
    mean /= v.length;
    double sq = 0;
    for (int j = 0; j < v.length; j++) {
      v[j] -= mean;
      sq += v[j] * v[j];
    }
    double norm = Math.sqrt(sq);
    for (int j = 0; j < v.length; j++) {
      v[j] /= norm;
    }
  }
}
