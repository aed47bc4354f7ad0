package dev.circuits.core.eval;

import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A layer norm over the last axis in one pass per row ({@link LayerNormRule}): the row sum, the
 * centred row, its sum of squares, then scale and shift. Float32 runs on the Vector API when it is
 * loaded ({@link VectorKernels}); otherwise, and in float64, in double precision in plain Java. On
 * GPT-2 shapes this replaces eight ND4J ops (each a pass over memory plus tens of microseconds of
 * overhead) by two bulk copies.
 */
final class LayerNormKernel {
  private LayerNormKernel() {}

  /**
   * {@code (x + k1 Σx) · (k2 Σc² + eps)^-1/2 · w [+ b]} per row of {@code x}, from the values
   * {@code [x, w]} or {@code [x, w, b]}.
   */
  static Value compute(List<Value> values, double k1, double k2, double eps, DataType floatType) {
    try (Scratch scratch = new Scratch()) {
      INDArray x = dense(values.get(0).array(), floatType, scratch);
      int d = (int) x.size(x.rank() - 1);
      double[] w = vector(values.get(1).array());
      double[] b = values.size() > 2 ? vector(values.get(2).array()) : new double[d];
      INDArray out = BufferPool.shared().take(floatType, x.shape());
      if (floatType == DataType.FLOAT && VectorSupport.enabled()) {
        float[] wf = toFloats(w);
        float[] bf = toFloats(b);
        RowKernels.run(x, out, d, (chunk, rows) -> VectorKernels.layerNorm(chunk.floats(), rows,
            d, (float) k1, (float) k2, (float) eps, wf, bf));
      } else {
        RowKernels.run(x, out, d, (chunk, rows) -> {
          double[] row = new double[d];
          for (int i = 0; i < rows; i++) {
            chunk.load(i, row);
            normalise(row, k1, k2, eps, w, b);
            chunk.store(row, i);
          }
        });
      }
      return Value.owned(out);
    }
  }

  private static void normalise(double[] row, double k1, double k2, double eps, double[] w,
      double[] b) {
    double sum = 0;
    for (double v : row) {
      sum += v;
    }
    double shift = k1 * sum;
    double squares = 0;
    for (int k = 0; k < row.length; k++) {
      row[k] += shift;
      squares += row[k] * row[k];
    }
    double rstd = 1.0 / Math.sqrt(k2 * squares + eps);
    for (int k = 0; k < row.length; k++) {
      row[k] = row[k] * rstd * w[k] + b[k];
    }
  }

  /** {@code a} in the float type, dense in c order (itself or a tracked copy). */
  static INDArray dense(INDArray a, DataType floatType, Scratch scratch) {
    INDArray typed = DTypes.to(a, floatType, scratch);
    return NdViews.isCContiguous(typed) ? typed : scratch.track(BufferPool.shared().copy(typed));
  }

  /** The elements of {@code a} in c order. */
  static double[] vector(INDArray a) {
    return a.dup('c').reshape(a.length()).toDoubleVector();
  }

  static float[] toFloats(double[] v) {
    float[] f = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      f[i] = (float) v[i];
    }
    return f;
  }
}
