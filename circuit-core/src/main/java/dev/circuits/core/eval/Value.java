package dev.circuits.core.eval;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A node's value during evaluation: an array plus the evaluator-owned buffer it lives in, or no
 * buffer when the array belongs to the circuit (an Array leaf's tensor). Each holder of a value
 * (the cache, an evaluation in flight) holds one reference on its buffer.
 */
final class Value {
  private final INDArray array;
  private final OwnedBuffer buffer;

  private Value(INDArray array, OwnedBuffer buffer) {
    this.array = array;
    this.buffer = buffer;
  }

  /** A value in a freshly allocated array; the caller holds the one reference. */
  static Value owned(INDArray array) {
    return new Value(array, new OwnedBuffer(array));
  }

  /** A value viewing (or equal to) {@code base}, which was freshly allocated for it. */
  static Value owned(INDArray base, INDArray view) {
    return new Value(view, new OwnedBuffer(base));
  }

  /** A value borrowed from the circuit: never closed, costs nothing against the budget. */
  static Value borrowed(INDArray array) {
    return new Value(array, null);
  }

  /** A value that views this one's memory; the caller holds a new reference. */
  Value view(INDArray view) {
    if (buffer != null) {
      buffer.retain();
    }
    return new Value(view, buffer);
  }

  INDArray array() {
    return array;
  }

  /** Whether the caller's reference is the only one and the array is the whole buffer. */
  boolean isSoleOwnerOfWholeBuffer() {
    return buffer != null && buffer.refCount() == 1 && buffer.base() == array;
  }

  long bytes() {
    return buffer == null ? 0 : buffer.bytes();
  }

  void retain() {
    if (buffer != null) {
      buffer.retain();
    }
  }

  void release() {
    if (buffer != null) {
      buffer.release();
    }
  }
}
