package dev.circuits.core.spec;

import dev.circuits.core.CircuitException;
import java.util.Arrays;

/**
 * An integer index tensor holds a value outside the dim it indexes (e.g. a token id outside the
 * vocabulary in {@code gen_index}); names the value, its position in the index tensor and the
 * dim's size.
 */
public final class IndexValueException extends CircuitException {
  private final long value;
  private final long[] position;
  private final long size;

  /** The value at {@code position} (of an index tensor of {@code indexShape}) is not in a dim of {@code size}. */
  public IndexValueException(String what, long value, long[] position, long[] indexShape,
      long size) {
    super(what + ": index " + value + " at position " + Arrays.toString(position)
        + " of the index tensor (shape " + Arrays.toString(indexShape) + ") is out of range for a"
        + " dim of size " + size + " (valid: " + -size + " to " + (size - 1) + "; for token ids"
        + " the size is the vocabulary size)");
    this.value = value;
    this.position = position.clone();
    this.size = size;
  }

  /** The offending value, as stored (before any narrowing). */
  public long value() {
    return value;
  }

  /** Its position in the index tensor. */
  public long[] position() {
    return position.clone();
  }

  /** The size of the indexed dim (the vocabulary size for token ids). */
  public long size() {
    return size;
  }
}
