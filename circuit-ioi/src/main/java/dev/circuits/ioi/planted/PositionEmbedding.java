package dev.circuits.ioi.planted;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How a planted model embeds positions ({@code wpe}): +{@code ballast} / -{@code ballast} in the
 * ballast pair, {@code sink} = 1 at position 0 and {@code notSink} = 1 elsewhere, {@code ramp} =
 * position / {@code rampScale}, and in {@code code} the one-hot of (position mod code size) minus
 * its mean, left at zero for the sink (so queries at multiples of the period do not penalise it);
 * plus the fixed entries of {@code sinkRow} at position 0 only.
 */
record PositionEmbedding(int ballastPos, int ballastNeg, double ballast, int sink, int notSink,
    int ramp, int rampScale, Span code, java.util.Map<Integer, Double> sinkRow) {
  /** {@code wpe} [positions, d_model], every row balanced to sum zero. */
  INDArray table(Residual residual, int positions) {
    int d = residual.dModel();
    int period = code.size();
    Residual.Table wpe = residual.table(positions);
    double[] row = new double[d];
    for (int p = 0; p < positions; p++) {
      Arrays.fill(row, 0);
      row[ballastPos] = ballast;
      row[ballastNeg] = -ballast;
      row[p == 0 ? sink : notSink] = 1;
      row[ramp] = (double) p / rampScale;
      if (p == 0) {
        sinkRow.forEach((dim, value) -> row[dim] = value);
      }
      for (int j = 0; p > 0 && j < period; j++) {
        row[code.at(j)] = (j == p % period ? 1.0 : 0.0) - 1.0 / period;
      }
      residual.putBalanced(row, wpe.buffer(), p);
    }
    return wpe.array();
  }
}
