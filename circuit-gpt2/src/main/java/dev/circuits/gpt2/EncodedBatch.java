package dev.circuits.gpt2;

import java.util.Arrays;

/**
 * Token ids of several texts, right-padded to a common length: {@code ids()[b][t]} for row {@code b},
 * position {@code t}; positions at or after {@code length(b)} hold {@code padId()}.
 */
public final class EncodedBatch {
  private final int[][] ids;
  private final int[] lengths;
  private final int padId;

  /** Creates a batch; every row must have the same length and every length must fit its row. */
  public EncodedBatch(int[][] ids, int[] lengths, int padId) {
    if (ids.length != lengths.length) {
      throw new IllegalArgumentException(
          "EncodedBatch: " + ids.length + " rows but " + lengths.length + " lengths");
    }
    int width = ids.length == 0 ? 0 : ids[0].length;
    this.ids = new int[ids.length][];
    for (int b = 0; b < ids.length; b++) {
      if (ids[b].length != width) {
        throw new IllegalArgumentException(
            "EncodedBatch: row " + b + " has " + ids[b].length + " ids, expected " + width);
      }
      if (lengths[b] < 0 || lengths[b] > width) {
        throw new IllegalArgumentException(
            "EncodedBatch: length " + lengths[b] + " of row " + b + " outside [0, " + width + "]");
      }
      this.ids[b] = ids[b].clone();
    }
    this.lengths = lengths.clone();
    this.padId = padId;
  }

  /** Number of rows (texts), B. */
  public int size() {
    return ids.length;
  }

  /** Padded length T shared by all rows (the longest text's token count). */
  public int maxLength() {
    return ids.length == 0 ? 0 : ids[0].length;
  }

  /** The padded ids as a fresh [B][T] array. */
  public int[][] ids() {
    int[][] copy = new int[ids.length][];
    for (int b = 0; b < ids.length; b++) {
      copy[b] = ids[b].clone();
    }
    return copy;
  }

  /** Padded ids of row {@code b} (a copy). */
  public int[] row(int b) {
    return ids[b].clone();
  }

  /** Unpadded ids of row {@code b}. */
  public int[] unpaddedRow(int b) {
    return Arrays.copyOf(ids[b], lengths[b]);
  }

  /** Number of real (non-padding) tokens in row {@code b}. */
  public int length(int b) {
    return lengths[b];
  }

  /** Real token count of every row (a copy). */
  public int[] lengths() {
    return lengths.clone();
  }

  /** The id used for padding. */
  public int padId() {
    return padId;
  }

  /** The padded ids flattened row-major, e.g. for {@code Nd4j.createFromArray(...).reshape(B, T)}. */
  public long[] flatIds() {
    int t = maxLength();
    long[] flat = new long[ids.length * t];
    for (int b = 0; b < ids.length; b++) {
      for (int i = 0; i < t; i++) {
        flat[b * t + i] = ids[b][i];
      }
    }
    return flat;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof EncodedBatch)) {
      return false;
    }
    EncodedBatch other = (EncodedBatch) o;
    return padId == other.padId
        && Arrays.equals(lengths, other.lengths)
        && Arrays.deepEquals(ids, other.ids);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Arrays.deepHashCode(ids) + Arrays.hashCode(lengths)) + padId;
  }

  @Override
  public String toString() {
    return "EncodedBatch[" + size() + " x " + maxLength() + ", lengths=" + Arrays.toString(lengths)
        + ", padId=" + padId + "]";
  }
}
