package dev.circuits.core.eval;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Runs a Java row kernel over all rows of a dense array, chunk by chunk through {@link HostRows},
 * writing to a destination of the same shape (possibly the source); large arrays are split into
 * two halves run on two threads, since ND4J's own ops also use both cores.
 */
final class RowKernels {
  /** Below this many elements one thread does all rows (a task hand-off costs ~10-50 us). */
  private static final long PARALLEL_ELEMENTS = 1 << 16;

  /** Transforms the first {@code rows} rows of the chunk buffer, in place. */
  interface Chunk {
    void apply(HostRows chunk, int rows);
  }

  static volatile boolean parallel = true;

  private RowKernels() {}

  /** Works on the rows {@code [from, to)}. */
  interface Range {
    void run(long from, long to);
  }

  /** Applies {@code kernel} to every row of {@code src} (c-contiguous), into {@code dst}. */
  static void run(INDArray src, INDArray dst, int rowLength, Chunk kernel) {
    long rows = rowLength == 0 ? 0 : src.length() / rowLength;
    split(rows, rowLength, (from, to) -> range(src, dst, rowLength, from, to, kernel));
  }

  /** Runs {@code range} on all {@code rows}, as two halves on two threads when they are large. */
  static void split(long rows, long elementsPerRow, Range range) {
    if (parallel && rows > 1 && rows * elementsPerRow >= PARALLEL_ELEMENTS) {
      long half = rows / 2;
      ForkJoinTask<?> other = ForkJoinPool.commonPool().submit(() -> range.run(half, rows));
      range.run(0, half);
      other.join();
    } else {
      range.run(0, rows);
    }
  }

  private static void range(INDArray src, INDArray dst, int rowLength, long from, long to,
      Chunk kernel) {
    HostRows chunk = new HostRows(src, dst, rowLength);
    for (long first = from; first < to; first += chunk.chunkRows()) {
      int n = (int) Math.min(chunk.chunkRows(), to - first);
      chunk.read(first, n);
      kernel.apply(chunk, n);
      chunk.write(first, n);
    }
  }
}
