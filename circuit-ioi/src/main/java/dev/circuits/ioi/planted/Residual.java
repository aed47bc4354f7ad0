package dev.circuits.ioi.planted;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

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

  /** Balances {@code row} and stores it as row {@code r} of the row-major [rows, d_model] out. */
  void putBalanced(double[] row, java.nio.FloatBuffer out, long r) {
    balance(row);
    int base = Math.toIntExact(r * dModel);
    for (int d = 0; d < dModel; d++) {
      out.put(base + d, (float) row[d]);
    }
  }

  /** A zero float32 [rows, d_model] array and a writable view of its memory. */
  Table table(long rows) {
    INDArray a = Nd4j.create(DataType.FLOAT, rows, dModel);
    return new Table(a, a.data().asNioFloat());
  }

  /** A row-major float32 array being filled through {@code buffer} (its own memory). */
  record Table(INDArray array, java.nio.FloatBuffer buffer) {}
}
