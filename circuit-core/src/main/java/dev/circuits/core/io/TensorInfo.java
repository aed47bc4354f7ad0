package dev.circuits.core.io;

import dev.circuits.core.Shape;

/**
 * One tensor's header entry: dtype, shape, and its byte range {@code [begin, end)} relative to the
 * start of the data section.
 */
public record TensorInfo(String name, SafetensorsDtype dtype, Shape shape, long begin, long end) {
  /** Number of elements. */
  public long numel() {
    return shape.numel();
  }

  /** Number of data bytes. */
  public long byteSize() {
    return end - begin;
  }
}
