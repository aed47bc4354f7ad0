package dev.circuits.core;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** An immutable tensor shape. Dims are longs because symbolic sizes are products of large primes. */
public final class Shape {
  private static final Shape SCALAR = new Shape(new long[0]);
  private final long[] dims;

  private Shape(long[] dims) {
    this.dims = dims;
  }

  /** A shape with the given dims (copied). */
  public static Shape of(long... dims) {
    if (dims.length == 0) {
      return SCALAR;
    }
    for (long d : dims) {
      if (d < 0) {
        throw new ConstructException(
            ConstructException.Rule.SHAPE_INVALID, "negative dim in shape " + Arrays.toString(dims));
      }
    }
    return new Shape(dims.clone());
  }

  /** A shape with the given int dims. */
  public static Shape of(int... dims) {
    return of(Arrays.stream(dims).asLongStream().toArray());
  }

  /** A shape from a list of dims. */
  public static Shape of(List<Long> dims) {
    return of(dims.stream().mapToLong(Long::longValue).toArray());
  }

  /** The rank-0 shape. */
  public static Shape scalar() {
    return SCALAR;
  }

  /** Number of dims. */
  public int rank() {
    return dims.length;
  }

  /** Size of dim {@code i} (negative counts from the end). */
  public long get(int i) {
    return dims[i < 0 ? dims.length + i : i];
  }

  /** Size of dim {@code i} as an int, failing if it does not fit. */
  public int getInt(int i) {
    return Math.toIntExact(get(i));
  }

  /** A copy of the dims. */
  public long[] toArray() {
    return dims.clone();
  }

  /** The dims as ints (fails for symbolic sizes that do not fit). */
  public int[] toIntArray() {
    int[] out = new int[dims.length];
    for (int i = 0; i < dims.length; i++) {
      out[i] = Math.toIntExact(dims[i]);
    }
    return out;
  }

  /** Number of elements. */
  public long numel() {
    long n = 1;
    for (long d : dims) {
      n = Math.multiplyExact(n, d);
    }
    return n;
  }

  /** Dims {@code [from, to)}. */
  public Shape slice(int from, int to) {
    return of(Arrays.copyOfRange(dims, from, to));
  }

  /** Dims from {@code from} to the end. */
  public Shape drop(int from) {
    return slice(from, dims.length);
  }

  /** This shape followed by {@code other}. */
  public Shape concat(Shape other) {
    long[] out = Arrays.copyOf(dims, dims.length + other.dims.length);
    System.arraycopy(other.dims, 0, out, dims.length, other.dims.length);
    return of(out);
  }

  /** This shape with dim {@code i} set to {@code size}. */
  public Shape with(int i, long size) {
    long[] out = dims.clone();
    out[i] = size;
    return of(out);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Shape s && Arrays.equals(dims, s.dims);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(dims);
  }

  /** Prints as rust_circuit does, e.g. {@code [3,1]}. */
  @Override
  public String toString() {
    return Arrays.stream(dims).mapToObj(Long::toString).collect(Collectors.joining(",", "[", "]"));
  }
}
