package dev.circuits.ioi.claims;

import org.nd4j.linalg.api.ndarray.INDArray;

/** What heads write to the residual stream (their output rows, without the layer's bias). */
public final class HeadOutputs {
  private HeadOutputs() {}

  /** The rows {@code [b, position]} of {@code outputs} [batch, T, d] for every b in {@code batches}. */
  public static double[][] rows(INDArray outputs, int[] batches, int[] positions) {
    double[][] out = new double[batches.length * positions.length][];
    int i = 0;
    for (int b : batches) {
      for (int p : positions) {
        out[i++] = outputs.get(org.nd4j.linalg.indexing.NDArrayIndex.point(b),
            org.nd4j.linalg.indexing.NDArrayIndex.point(p),
            org.nd4j.linalg.indexing.NDArrayIndex.all()).toDoubleVector();
      }
    }
    return out;
  }
}
