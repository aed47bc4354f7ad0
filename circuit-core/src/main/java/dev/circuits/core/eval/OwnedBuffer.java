package dev.circuits.core.eval;

import java.util.concurrent.atomic.AtomicInteger;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An array the evaluator allocated, shared by every value that views it and freed (closed) as soon
 * as the last holder lets go, so that its off-heap memory is reused at once instead of after a GC.
 */
final class OwnedBuffer {
  private final INDArray base;
  private final long bytes;
  private final AtomicInteger refs = new AtomicInteger(1);

  OwnedBuffer(INDArray base) {
    this.base = base;
    this.bytes = base.length() * base.dataType().width();
  }

  long bytes() {
    return bytes;
  }

  INDArray base() {
    return base;
  }

  int refCount() {
    return refs.get();
  }

  void retain() {
    if (refs.getAndIncrement() <= 0) {
      throw new IllegalStateException("retained a freed evaluation buffer");
    }
  }

  void release() {
    int left = refs.decrementAndGet();
    if (left == 0) {
      Scratch.closeQuietly(base);
    } else if (left < 0) {
      throw new IllegalStateException("released an evaluation buffer twice");
    }
  }
}
