package dev.circuits.ioi.planted;

/**
 * The residual stream of a planted model: its width, the width of one head, and the dimension
 * that absorbs minus the sum of every write so that the residual keeps mean 0 (LayerNorm's mean
 * subtraction is then a no-op).
 */
record Residual(int dModel, int dHead, int balance) {
  Residual {
    if (dModel < 2 || dHead < 1 || balance < 0 || balance >= dModel) {
      throw new IllegalArgumentException("residual needs d_model >= 2, d_head >= 1 and a balance "
          + "dimension inside d_model; got " + dModel + ", " + dHead + ", " + balance);
    }
  }

  /** Sets {@code row[balance]} to minus the sum of the other entries. */
  void balance(double[] row) {
    double sum = 0;
    for (int d = 0; d < dModel; d++) {
      if (d != balance) {
        sum += row[d];
      }
    }
    row[balance] = -sum;
  }

  /** Balances {@code row} and stores it as row {@code r} of the row-major {@code out}. */
  void putBalanced(double[] row, float[] out, long r) {
    balance(row);
    for (int d = 0; d < dModel; d++) {
      out[(int) (r * dModel + d)] = (float) row[d];
    }
  }
}
