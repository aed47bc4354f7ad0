package dev.circuits.scrubbing;

import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Row-wise tensor helpers: gather rows, stack row blocks, format one row. */
final class Rows {
  private Rows() {}

  /** Rows {@code idx} of {@code v} along axis 0, as a fresh array {@code [idx.length, ...]}. */
  static INDArray take(INDArray v, long[] idx) {
    long[] shape = v.shape();
    long n = shape[0];
    long rest = 1;
    for (int i = 1; i < shape.length; i++) {
      rest *= shape[i];
    }
    int[] rows = new int[idx.length];
    for (int i = 0; i < idx.length; i++) {
      if (idx[i] < 0 || idx[i] >= n) {
        throw new DatasetException("row " + idx[i] + " is out of range for an array of " + n
            + " rows");
      }
      rows[i] = Math.toIntExact(idx[i]);
    }
    long[] outShape = shape.clone();
    outShape[0] = idx.length;
    if (idx.length == 0 || rest == 0) {
      return Nd4j.create(v.dataType(), outShape);
    }
    INDArray matrix = v.dup('c').reshape('c', n, rest);
    return Nd4j.pullRows(matrix, 1, rows).reshape('c', outShape);
  }

  /** The arrays stacked along axis 0 (all of one dtype and trailing shape). */
  static INDArray concat(List<INDArray> parts) {
    return Nd4j.concat(0, parts.toArray(INDArray[]::new));
  }

  /** Row {@code i} of {@code v} as text: a number, or nested lists such as {@code [0, 5]}. */
  static String format(INDArray v, long i) {
    long[] shape = v.shape();
    long[] rowShape = Arrays.copyOfRange(shape, 1, shape.length);
    long rowLen = 1;
    for (long d : rowShape) {
      rowLen *= d;
    }
    double[] all = v.castTo(DataType.DOUBLE).dup('c').reshape(-1).toDoubleVector();
    double[] row = Arrays.copyOfRange(all, (int) (i * rowLen), (int) ((i + 1) * rowLen));
    StringBuilder sb = new StringBuilder();
    nested(sb, row, 0, rowShape, 0);
    return sb.toString();
  }

  private static int nested(StringBuilder sb, double[] data, int pos, long[] shape, int axis) {
    if (axis == shape.length) {
      sb.append(number(data[pos]));
      return pos + 1;
    }
    sb.append('[');
    for (long k = 0; k < shape[axis]; k++) {
      if (k > 0) {
        sb.append(", ");
      }
      pos = nested(sb, data, pos, shape, axis + 1);
    }
    sb.append(']');
    return pos;
  }

  private static String number(double d) {
    if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15) {
      return Long.toString((long) d);
    }
    return Double.toString(d);
  }

  /** Values of a feature tensor {@code [n]} or {@code [n, k]} as {@code n} rows of {@code k} doubles. */
  static double[][] featureRows(INDArray values, long n, String what) {
    if (values.rank() < 1 || values.rank() > 2 || values.size(0) != n) {
      throw new ScrubbingException(what + " must return a tensor [" + n + "] or [" + n
          + ", k], got shape " + Arrays.toString(values.shape()));
    }
    int k = values.rank() == 1 ? 1 : Math.toIntExact(values.size(1));
    double[] flat = values.castTo(DataType.DOUBLE).dup('c').reshape(-1).toDoubleVector();
    double[][] out = new double[(int) n][];
    for (int i = 0; i < n; i++) {
      out[i] = Arrays.copyOfRange(flat, i * k, (i + 1) * k);
    }
    return out;
  }
}
