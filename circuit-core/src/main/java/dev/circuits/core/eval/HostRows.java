package dev.circuits.core.eval;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Rows of a dense c-order float or double ND4J array moved chunk by chunk through a small Java
 * buffer and written to a destination array of the same shape (possibly the source itself), so
 * that row kernels run as plain or vectorised Java loops: a bulk copy per chunk costs far less
 * than the per-op overhead and extra passes of the ND4J ops it replaces.
 */
final class HostRows {
  private static final int CHUNK_ELEMENTS = 1 << 15;
  private final int rowLength;
  private final int chunkRows;
  private final FloatPointer floatsIn;
  private final FloatPointer floatsOut;
  private final DoublePointer doublesIn;
  private final DoublePointer doublesOut;
  private final float[] floatBuf;
  private final double[] doubleBuf;
  private final long inOffset;
  private final long outOffset;

  /** Rows of {@code rowLength} elements of {@code src} to {@code dst} (both c-contiguous). */
  HostRows(INDArray src, INDArray dst, int rowLength) {
    this(src, dst, rowLength, defaultChunkRows(rowLength));
  }

  /** As above, moving {@code chunkRows} rows at a time. */
  HostRows(INDArray src, INDArray dst, int rowLength, int chunkRows) {
    this.rowLength = rowLength;
    this.chunkRows = chunkRows;
    boolean isFloat = src.dataType() == DataType.FLOAT;
    if (!isFloat && src.dataType() != DataType.DOUBLE || dst.dataType() != src.dataType()) {
      throw new IllegalArgumentException("host rows need FLOAT or DOUBLE arrays of one type, got "
          + src.dataType() + " and " + dst.dataType());
    }
    int bufLength = chunkRows * rowLength;
    floatsIn = isFloat ? new FloatPointer(src.data().pointer()) : null;
    floatsOut = isFloat ? new FloatPointer(dst.data().pointer()) : null;
    doublesIn = isFloat ? null : new DoublePointer(src.data().pointer());
    doublesOut = isFloat ? null : new DoublePointer(dst.data().pointer());
    floatBuf = isFloat ? new float[bufLength] : null;
    doubleBuf = isFloat ? null : new double[bufLength];
    inOffset = src.offset();
    outOffset = dst.offset();
  }

  /** How many rows of {@code rowLength} make a chunk of about 128 KB of floats. */
  static int defaultChunkRows(int rowLength) {
    return Math.max(1, CHUNK_ELEMENTS / Math.max(1, rowLength));
  }

  /** Rows per chunk: {@link #read} and {@link #write} move at most this many at once. */
  int chunkRows() {
    return chunkRows;
  }

  /** The chunk buffer of a float array (null for double). */
  float[] floats() {
    return floatBuf;
  }

  /** Copies {@code rows} source rows starting at {@code first} into the chunk buffer. */
  void read(long first, int rows) {
    long at = inOffset + first * rowLength;
    if (floatBuf != null) {
      floatsIn.position(at).get(floatBuf, 0, rows * rowLength);
    } else {
      doublesIn.position(at).get(doubleBuf, 0, rows * rowLength);
    }
  }

  /** Copies {@code rows} rows of the chunk buffer to the destination, from row {@code first}. */
  void write(long first, int rows) {
    long at = outOffset + first * rowLength;
    if (floatBuf != null) {
      floatsOut.position(at).put(floatBuf, 0, rows * rowLength);
    } else {
      doublesOut.position(at).put(doubleBuf, 0, rows * rowLength);
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
