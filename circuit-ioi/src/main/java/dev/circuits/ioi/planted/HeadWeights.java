package dev.circuits.ioi.planted;

import static dev.circuits.ioi.planted.PlantedLayout.D_HEAD;
import static dev.circuits.ioi.planted.PlantedLayout.D_MODEL;

/**
 * One attention head's weights, composed term by term. The head sees the normalised residual x
 * (LayerNorm with the planted gain makes it the residual itself, to about 1%). Its attention score
 * from query x_q to key x_k is a sum of terms added by {@link #qk} and {@link #qkBias}; its output
 * is a sum of maps added by {@link #ov}. Each term takes its own head coordinates, so terms do not
 * interact; GPT-2's 1/sqrt(d_head) is folded into the query weights.
 */
final class HeadWeights {
  final double[][] q = new double[D_HEAD][D_MODEL];
  final double[][] k = new double[D_HEAD][D_MODEL];
  final double[][] v = new double[D_HEAD][D_MODEL];
  final double[] qBias = new double[D_HEAD];
  final double[][] o = new double[D_MODEL][D_HEAD];
  private int qkUsed;
  private int ovUsed;

  /** Adds {@code weight * sum_r (query[r] . x_q) (key[r] . x_k)} to the score. */
  HeadWeights qk(double weight, double[][] query, double[][] key) {
    int base = take(query.length, true);
    for (int r = 0; r < query.length; r++) {
      for (int d = 0; d < D_MODEL; d++) {
        q[base + r][d] = weight * Math.sqrt(D_HEAD) * query[r][d];
        k[base + r][d] = key[r][d];
      }
    }
    return this;
  }

  /** Adds {@code weight * (key . x_k)}, the same for every query (a query-bias term). */
  HeadWeights qkBias(double weight, double[] key) {
    int c = take(1, true);
    qBias[c] = weight * Math.sqrt(D_HEAD);
    System.arraycopy(key, 0, k[c], 0, D_MODEL);
    return this;
  }

  /** Adds {@code write · (read · x_k)} to the output for each attended key. */
  HeadWeights ov(double[][] read, double[][] write) {
    int base = take(read.length, false);
    for (int r = 0; r < read.length; r++) {
      System.arraycopy(read[r], 0, v[base + r], 0, D_MODEL);
      for (int d = 0; d < D_MODEL; d++) {
        o[d][base + r] = write[d][r];
      }
    }
    return this;
  }

  /** Sets the output's {@link PlantedLayout#BALANCE} row so that every output sums to zero. */
  HeadWeights balanced() {
    for (int c = 0; c < D_HEAD; c++) {
      double sum = 0;
      for (int d = 0; d < D_MODEL; d++) {
        if (d != PlantedLayout.BALANCE) {
          sum += o[d][c];
        }
      }
      o[PlantedLayout.BALANCE][c] = -sum;
    }
    return this;
  }

  private int take(int n, boolean qkSide) {
    int used = qkSide ? qkUsed : ovUsed;
    if (used + n > D_HEAD) {
      throw new IllegalStateException("head needs " + (used + n) + " coordinates for its "
          + (qkSide ? "QK" : "OV") + " terms; a head has " + D_HEAD);
    }
    if (qkSide) {
      qkUsed += n;
    } else {
      ovUsed += n;
    }
    return used;
  }
}
