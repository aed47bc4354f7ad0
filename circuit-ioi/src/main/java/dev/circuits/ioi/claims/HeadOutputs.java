package dev.circuits.ioi.claims;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** What heads write to the residual stream (their output rows, without the layer's bias). */
public final class HeadOutputs {
  private HeadOutputs() {}

  /** The rows {@code [b, position]} of {@code outputs} [batch, T, d] for every b in {@code batches}. */
  public static double[][] rows(INDArray outputs, int[] batches, int[] positions) {
    long t = outputs.size(1);
    int d = (int) outputs.size(2);
    // One bulk copy: reading rows one view at a time costs an op each.
    double[] flat = outputs.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    double[][] out = new double[batches.length * positions.length][];
    int i = 0;
    for (int b : batches) {
      for (int p : positions) {
        int from = (int) ((b * t + p) * d);
        out[i++] = java.util.Arrays.copyOfRange(flat, from, from + d);
      }
    }
    return out;
  }
}
