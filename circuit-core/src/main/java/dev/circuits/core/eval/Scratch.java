package dev.circuits.core.eval;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Temporaries a kernel allocates: closed when the kernel finishes (or earlier via {@link #free}),
 * except the one the kernel keeps as its result. Closing returns memory to the allocator at once,
 * which on these machines is far faster than touching fresh pages.
 */
final class Scratch implements AutoCloseable {
  private final List<INDArray> arrays = new ArrayList<>();

  /** Records a temporary and returns it. */
  INDArray track(INDArray a) {
    arrays.add(a);
    return a;
  }

  /** Frees a temporary now if it is one of ours (no-op otherwise). */
  void free(INDArray a) {
    if (a != null && removeIdentity(a)) {
      closeQuietly(a);
    }
  }

  /** Stops tracking {@code a}: it survives the kernel (as the result's buffer). */
  void keep(INDArray a) {
    removeIdentity(a);
  }

  private boolean removeIdentity(INDArray a) {
    for (int i = arrays.size() - 1; i >= 0; i--) {
      if (arrays.get(i) == a) {
        arrays.remove(i);
        return true;
      }
    }
    return false;
  }

  @Override
  public void close() {
    for (INDArray a : arrays) {
      closeQuietly(a);
    }
    arrays.clear();
  }

  /** Closes an array if ND4J allows it (views and attached arrays are left to the GC). */
  static void closeQuietly(INDArray a) {
    BufferPool.shared().give(a);
  }
}
