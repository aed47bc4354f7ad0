package dev.circuits.core.spec;

import dev.circuits.core.ConstructException;
import dev.circuits.core.Shape;
import dev.circuits.core.TensorHash;
import dev.circuits.core.internal.HashBuilder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A dimwise index: one entry per leading axis (int, slice or 1-d int64 tensor); short = padded. */
public final class TensorIndex {
  private static final UUID AXIS_UUID = UUID.fromString("3d14636b-a1ed-4235-91cd-5fc9e818c93d");

  /** One axis of a dimwise index. */
  public sealed interface Axis permits Single, Slice, Tensor {}

  /** A single position; drops the axis. Negative counts from the end. */
  public record Single(long index) implements Axis {
    @Override
    public String toString() {
      return Long.toString(index);
    }
  }

  /** A slice {@code start:stop} (null bounds mean open); rust_circuit slices do not saturate. */
  public record Slice(Long start, Long stop) implements Axis {
    /** The full slice {@code :}. */
    public static final Slice ALL = new Slice(null, null);

    long startU(long l) {
      return start == null ? 0 : loc(start, l);
    }

    long stopU(long l) {
      return stop == null ? l : loc(stop, l);
    }

    private static long loc(long x, long l) {
      return x < 0 ? Math.max(0, l + x) : Math.min(l, x);
    }

    /** Length along an axis of size {@code l}. */
    public long size(long l) {
      return Math.max(0, stopU(l) - startU(l));
    }

    /** Whether this slice keeps all of an axis of size {@code l}. */
    public boolean isIdentity(long l) {
      return startU(l) == 0 && stopU(l) == l;
    }

    @Override
    public String toString() {
      return (start == null ? "" : start.toString()) + ":" + (stop == null ? "" : stop.toString());
    }
  }

  /** Gather along the axis with a 1-d int64 tensor of positions (held immutable). */
  public static final class Tensor implements Axis {
    private final INDArray values;
    private final byte[] hash;

    /** Wraps (copies) a 1-d integer tensor, cast to int64. */
    public Tensor(INDArray values) {
      if (values.rank() != 1) {
        throw new ConstructException(ConstructException.Rule.INDEX_TENSOR_INVALID,
            "index tensor must be 1-d, got shape " + java.util.Arrays.toString(values.shape()));
      }
      if (!values.dataType().isIntType()) {
        throw new ConstructException(ConstructException.Rule.INDEX_TENSOR_INVALID,
            "index tensor must hold integers, got " + values.dataType());
      }
      this.values = values.castTo(DataType.LONG).dup('c');
      this.hash = TensorHash.hash(this.values);
    }

    /** The positions (do not mutate). */
    public INDArray values() {
      return values;
    }

    /** The tensor's rust_circuit hash. */
    public byte[] hash() {
      return hash.clone();
    }

    /** Number of positions. */
    public long length() {
      return values.length();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Tensor t && java.util.Arrays.equals(hash, t.hash);
    }

    @Override
    public int hashCode() {
      return java.util.Arrays.hashCode(hash);
    }

    /** Prints as rust_circuit does: {@code t<10 hex chars> [len]}. */
    @Override
    public String toString() {
      return "t" + HexFormat.of().formatHex(hash).substring(0, 10) + " [" + values.length() + "]";
    }
  }

  private final List<Axis> axes;

  private TensorIndex(List<Axis> axes) {
    this.axes = Collections.unmodifiableList(new ArrayList<>(axes));
  }

  /** An index from axis entries. */
  public static TensorIndex of(List<Axis> axes) {
    return new TensorIndex(axes);
  }

  /** An index from axis entries. */
  public static TensorIndex of(Axis... axes) {
    return new TensorIndex(List.of(axes));
  }

  /** A single position. */
  public static Single at(long i) {
    return new Single(i);
  }

  /** A slice; pass null for an open bound. */
  public static Slice slice(Long start, Long stop) {
    return new Slice(start, stop);
  }

  /** The entries. */
  public List<Axis> axes() {
    return axes;
  }

  /** Number of entries. */
  public int size() {
    return axes.size();
  }

  /** Validates against an input shape and returns the output shape. */
  public Shape outputShape(Shape in, String nodeDescription) {
    if (axes.size() > in.rank()) {
      throw new ConstructException(ConstructException.Rule.INDEX_RANK_TOO_HIGH,
          "index " + this + " has rank " + axes.size() + " but " + nodeDescription + " has shape "
              + in);
    }
    List<Long> out = new ArrayList<>();
    for (int a = 0; a < in.rank(); a++) {
      long l = in.get(a);
      Axis ax = a < axes.size() ? axes.get(a) : Slice.ALL;
      if (ax instanceof Single s) {
        if (s.index() >= l || s.index() < -l) {
          throw outOfBounds(a, in, nodeDescription);
        }
      } else if (ax instanceof Slice s) {
        checkSliceBound(s.start(), l, a, in, nodeDescription);
        checkSliceBound(s.stop(), l, a, in, nodeDescription);
        if (s.startU(l) > s.stopU(l)) {
          throw outOfBounds(a, in, nodeDescription);
        }
        out.add(s.size(l));
      } else {
        Tensor t = (Tensor) ax;
        INDArray v = t.values();
        if (v.length() > 0) {
          long max = v.maxNumber().longValue();
          long min = v.minNumber().longValue();
          if (max >= l || min < -l) {
            throw outOfBounds(a, in, nodeDescription);
          }
        }
        out.add(t.length());
      }
    }
    return Shape.of(out);
  }

  private void checkSliceBound(Long b, long l, int a, Shape in, String desc) {
    if (b != null && (b > l || b < -l)) {
      throw outOfBounds(a, in, desc);
    }
  }

  private ConstructException outOfBounds(int axis, Shape in, String desc) {
    return new ConstructException(ConstructException.Rule.INDEX_OUT_OF_BOUNDS,
        "index " + this + " is out of bounds at axis " + axis + " for " + desc + " of shape " + in
            + " (slices do not saturate)");
  }

  /** Whether the index keeps every element of a tensor of this shape in place. */
  public boolean isIdentity(Shape in) {
    for (int a = 0; a < axes.size(); a++) {
      if (!(axes.get(a) instanceof Slice s) || !s.isIdentity(in.get(a))) {
        return false;
      }
    }
    return true;
  }

  /**
   * This index in one spelling per meaning for a tensor of shape {@code in}: padded with
   * {@code :}, non-negative ints, {@code :} for whole axes and explicit bounds otherwise (so equal
   * selections compare equal).
   */
  public TensorIndex canonical(Shape in) {
    List<Axis> out = new ArrayList<>(in.rank());
    for (int a = 0; a < in.rank(); a++) {
      Axis x = a < axes.size() ? axes.get(a) : Slice.ALL;
      long l = in.get(a);
      if (x instanceof Single s) {
        out.add(s.index() < 0 ? new Single(s.index() + l) : s);
      } else if (x instanceof Slice s) {
        out.add(s.isIdentity(l) ? Slice.ALL : new Slice(s.startU(l), s.stopU(l)));
      } else {
        out.add(x);
      }
    }
    return new TensorIndex(out);
  }

  /** This index with {@code n} leading full slices (for batch dims). */
  public TensorIndex withLeadingSlices(int n) {
    List<Axis> out = new ArrayList<>(Collections.nCopies(n, Slice.ALL));
    out.addAll(axes);
    return new TensorIndex(out);
  }

  /** The 32-byte hash rust_circuit feeds into an Index node's hash. */
  public byte[] hashBytes() {
    HashBuilder hb = new HashBuilder();
    for (Axis ax : axes) {
      hb.uuid(AXIS_UUID);
      if (ax instanceof Single s) {
        hb.u64(s.index());
      } else if (ax instanceof Slice s) {
        for (Long b : new Long[] {s.start(), s.stop()}) {
          if (b == null) {
            hb.u64(0).u8(1);
          } else {
            hb.u64(b).u8(0);
          }
        }
      } else {
        hb.bytes(((Tensor) ax).hash);
      }
    }
    return hb.digest();
  }

  /** Prints as in the text format, e.g. {@code [0:2,1]} or {@code [t292d9fdb22 [6],0]}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < axes.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(axes.get(i));
    }
    return sb.append(']').toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TensorIndex t && axes.equals(t.axes);
  }

  @Override
  public int hashCode() {
    return axes.hashCode();
  }
}
