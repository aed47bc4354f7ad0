package dev.circuits.ioi.planted;

/**
 * One attention head's weights, composed term by term. The head sees the normalised residual x
 * (LayerNorm with the planted gain makes it the residual itself, to about 1%). Its attention score
 * from query x_q to key x_k is a sum of terms added by {@link #qk} and {@link #qkBias}; its output
 * is a sum of maps added by {@link #ov}. Each term takes its own head coordinates, so terms do not
 * interact; GPT-2's 1/sqrt(d_head) is folded into the query weights.
 */
final class HeadWeights {
  final Residual residual;
  final double[][] q;
  final double[][] k;
  final double[][] v;
  final double[] qBias;
  final double[][] o;
  private int qkUsed;
  private int ovUsed;

  HeadWeights(Residual residual) {
    this.residual = residual;
    int dHead = residual.dHead();
    int dModel = residual.dModel();
    q = new double[dHead][dModel];
    k = new double[dHead][dModel];
    v = new double[dHead][dModel];
    qBias = new double[dHead];
    o = new double[dModel][dHead];
  }

  /** Adds {@code weight * sum_r (query[r] . x_q) (key[r] . x_k)} to the score. */
  HeadWeights qk(double weight, double[][] query, double[][] key) {
    if (query.length != key.length) {
      throw new IllegalArgumentException("a QK term needs as many query rows as key rows, got "
          + query.length + " and " + key.length);
    }
    int base = take(query.length, true);
    double scale = weight * Math.sqrt(residual.dHead());
    for (int r = 0; r < query.length; r++) {
      for (int d = 0; d < residual.dModel(); d++) {
        q[base + r][d] = scale * query[r][d];
        k[base + r][d] = key[r][d];
      }
    }
    return this;
  }

  /** Adds {@code weight * (key . x_k)}, the same for every query (a query-bias term). */
  HeadWeights qkBias(double weight, double[] key) {
    int c = take(1, true);
    qBias[c] = weight * Math.sqrt(residual.dHead());
    System.arraycopy(key, 0, k[c], 0, residual.dModel());
    return this;
  }

  /** Adds {@code write · (read · x_k)} to the output for each attended key. */
  HeadWeights ov(double[][] read, double[][] write) {
    int base = take(read.length, false);
    for (int r = 0; r < read.length; r++) {
      System.arraycopy(read[r], 0, v[base + r], 0, residual.dModel());
      for (int d = 0; d < residual.dModel(); d++) {
        o[d][base + r] = write[d][r];
      }
    }
    return this;
  }

  /** Sets the output's balance row so that every output sums to zero. */
  HeadWeights balanced() {
    double[] column = new double[residual.dModel()];
    for (int c = 0; c < residual.dHead(); c++) {
      for (int d = 0; d < residual.dModel(); d++) {
        column[d] = o[d][c];
      }
      residual.balance(column);
      o[residual.balance()][c] = column[residual.balance()];
    }
    return this;
  }

  private int take(int n, boolean qkSide) {
    int used = qkSide ? qkUsed : ovUsed;
    if (used + n > residual.dHead()) {
      throw new IllegalStateException("head needs " + (used + n) + " coordinates for its "
          + (qkSide ? "QK" : "OV") + " terms; a head has " + residual.dHead());
    }
    if (qkSide) {
      qkUsed += n;
    } else {
      ovUsed += n;
    }
    return used;
  }
}
