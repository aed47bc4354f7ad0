package dev.circuits.core.eval;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Rows of a dense c-order float or double ND4J array, moved chunk by chunk through a small Java
 * buffer so that row kernels run as plain (JIT-vectorised) Java loops on doubles; a bulk copy per
 * chunk costs far less than the per-op overhead of the ND4J ops it replaces.
 */
final class HostRows {
  private static final int CHUNK_ELEMENTS = 1 << 15;
  private final int rowLength;
  private final int chunkRows;
  private final FloatPointer floats;
  private final DoublePointer doubles;
  private final float[] floatBuf;
  private final double[] doubleBuf;
  private final long offset;

  /** Rows of {@code dense} (c-contiguous, FLOAT or DOUBLE) of {@code rowLength} elements. */
  HostRows(INDArray dense, int rowLength) {
    this.rowLength = rowLength;
    this.chunkRows = Math.max(1, CHUNK_ELEMENTS / Math.max(1, rowLength));
    boolean isFloat = dense.dataType() == DataType.FLOAT;
    if (!isFloat && dense.dataType() != DataType.DOUBLE) {
      throw new IllegalArgumentException("host rows need FLOAT or DOUBLE, got " + dense.dataType());
    }
    int bufLength = chunkRows * rowLength;
    floats = isFloat ? new FloatPointer(dense.data().pointer()) : null;
    doubles = isFloat ? null : new DoublePointer(dense.data().pointer());
    floatBuf = isFloat ? new float[bufLength] : null;
    doubleBuf = isFloat ? null : new double[bufLength];
    this.offset = dense.offset();
  }

  /** Rows per chunk: {@link #read} and {@link #write} move at most this many at once. */
  int chunkRows() {
    return chunkRows;
  }

  /** Copies {@code rows} rows starting at {@code first} into the chunk buffer. */
  void read(long first, int rows) {
    long at = offset + first * rowLength;
    if (floats != null) {
      floats.position(at).get(floatBuf, 0, rows * rowLength);
    } else {
      doubles.position(at).get(doubleBuf, 0, rows * rowLength);
    }
  }

  /** Copies {@code rows} rows of the chunk buffer to the array, starting at row {@code first}. */
  void write(long first, int rows) {
    long at = offset + first * rowLength;
    if (floats != null) {
      floats.position(at).put(floatBuf, 0, rows * rowLength);
    } else {
      doubles.position(at).put(doubleBuf, 0, rows * rowLength);
    }
  }

  /** Row {@code i} of the chunk buffer, widened into {@code row}. */
  void load(int i, double[] row) {
    int from = i * rowLength;
    if (floatBuf != null) {
      for (int k = 0; k < rowLength; k++) {
        row[k] = floatBuf[from + k];
      }
    } else {
      System.arraycopy(doubleBuf, from, row, 0, rowLength);
    }
  }

  /** Stores {@code row} as row {@code i} of the chunk buffer (rounded to float if need be). */
  void store(double[] row, int i) {
    int to = i * rowLength;
    if (floatBuf != null) {
      for (int k = 0; k < rowLength; k++) {
        floatBuf[to + k] = (float) row[k];
      }
    } else {
      System.arraycopy(row, 0, doubleBuf, to, rowLength);
    }
  }
}
