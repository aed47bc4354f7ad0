package dev.circuits.ioi.planted;

/** A contiguous block of residual dimensions {@code [start, start + size)} of a planted model. */
public record Span(int start, int size) {
  /** Validates the bounds. */
  public Span {
    if (start < 0 || size < 1) {
      throw new IllegalArgumentException("a span needs start >= 0 and size >= 1, got start "
          + start + " size " + size);
    }
  }

  /** One past the last dimension. */
  public int end() {
    return start + size;
  }

  /** The residual dimension of the block's {@code i}-th coordinate. */
  public int at(int i) {
    if (i < 0 || i >= size) {
      throw new IndexOutOfBoundsException("coordinate " + i + " outside a span of size " + size);
    }
    return start + i;
  }
}
