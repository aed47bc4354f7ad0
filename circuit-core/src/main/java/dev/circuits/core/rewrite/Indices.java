package dev.circuits.core.rewrite;

import dev.circuits.core.Shape;
import dev.circuits.core.spec.TensorIndex;
import dev.circuits.core.spec.TensorIndex.Axis;
import dev.circuits.core.spec.TensorIndex.Single;
import dev.circuits.core.spec.TensorIndex.Slice;
import dev.circuits.core.spec.TensorIndex.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.factory.Nd4j;

/** Arithmetic on dimwise indices: canonical forms, composition, positions. */
final class Indices {
  private Indices() {}

  /** The entries of {@code idx} padded with {@code :} to the rank of {@code shape}. */
  static List<Axis> full(TensorIndex idx, Shape shape) {
    List<Axis> out = new ArrayList<>(idx.axes());
    while (out.size() < shape.rank()) {
      out.add(Slice.ALL);
    }
    return out;
  }

  static long start(Slice s, long l) {
    return s.start() == null ? 0 : loc(s.start(), l);
  }

  static long stop(Slice s, long l) {
    return s.stop() == null ? l : loc(s.stop(), l);
  }

  private static long loc(long x, long l) {
    return x < 0 ? Math.max(0, l + x) : Math.min(l, x);
  }

  /** An explicit {@code start:stop} slice. */
  static Slice slice(long start, long stop) {
    return new Slice(start, stop);
  }

  /** The entry with non-negative positions and explicit slice bounds (rust's canonicalize). */
  static Axis canonical(Axis ax, long l) {
    if (ax instanceof Single s) {
      return new Single(s.index() < 0 ? s.index() + l : s.index());
    }
    if (ax instanceof Slice s) {
      return slice(start(s, l), stop(s, l));
    }
    return tensor(positions(ax, l));
  }

  /** {@code idx} with every entry canonical (entries are not padded, as in rust). */
  static TensorIndex canonicalize(TensorIndex idx, Shape shape) {
    List<Axis> out = new ArrayList<>();
    for (int a = 0; a < idx.size(); a++) {
      out.add(canonical(idx.axes().get(a), shape.get(a)));
    }
    return TensorIndex.of(out);
  }

  /** Whether the entry keeps an axis of size {@code l} unchanged. */
  static boolean isIdentity(Axis ax, long l) {
    return ax instanceof Slice s && start(s, l) == 0 && stop(s, l) == l;
  }

  /** Whether every entry is an identity on {@code shape}. */
  static boolean isIdentity(List<Axis> axes, Shape shape) {
    for (int a = 0; a < axes.size(); a++) {
      if (!isIdentity(axes.get(a), shape.get(a))) {
        return false;
      }
    }
    return true;
  }

  /** The output length along the axis (0 for a single position, which drops the axis). */
  static long axisLen(Axis ax, long l) {
    if (ax instanceof Single) {
      return 0;
    }
    if (ax instanceof Slice s) {
      return Math.max(0, stop(s, l) - start(s, l));
    }
    return ((Tensor) ax).length();
  }

  /** The positions an entry reads, in order (non-negative). */
  static long[] positions(Axis ax, long l) {
    if (ax instanceof Single s) {
      return new long[] {s.index() < 0 ? s.index() + l : s.index()};
    }
    if (ax instanceof Slice s) {
      long st = start(s, l);
      long[] out = new long[(int) Math.max(0, stop(s, l) - st)];
      for (int i = 0; i < out.length; i++) {
        out[i] = st + i;
      }
      return out;
    }
    long[] v = ((Tensor) ax).values().toLongVector();
    for (int i = 0; i < v.length; i++) {
      if (v[i] < 0) {
        v[i] += l;
      }
    }
    return v;
  }

  /** A tensor entry holding {@code positions}. */
  static Tensor tensor(long[] positions) {
    return new Tensor(Nd4j.createFromArray(positions.clone()).reshape(positions.length));
  }

  /** A slice when {@code positions} are consecutive, else a tensor. */
  static Axis fromPositions(long[] positions) {
    for (int i = 1; i < positions.length; i++) {
      if (positions[i] != positions[0] + i) {
        return tensor(positions);
      }
    }
    long start = positions.length == 0 ? 0 : positions[0];
    return slice(start, start + positions.length);
  }

  /** The entry selecting {@code top} (on the output of {@code bottom}) of an axis of size {@code l}. */
  static Axis composeAxis(Axis top, Axis bottom, long l) {
    long[] inner = positions(bottom, l);
    long midLen = inner.length;
    if (top instanceof Single s) {
      return new Single(inner[(int) (s.index() < 0 ? s.index() + midLen : s.index())]);
    }
    long[] sel = positions(top, midLen);
    long[] out = new long[sel.length];
    for (int i = 0; i < sel.length; i++) {
      out[i] = inner[(int) sel[i]];
    }
    if (top instanceof Slice && bottom instanceof Slice) {
      long st = out.length == 0 ? Math.min(start((Slice) bottom, l) + start((Slice) top, midLen), l)
          : out[0];
      return slice(st, st + out.length);
    }
    return tensor(out);
  }

  /** One index equal to applying {@code bottom} to a node of {@code shape}, then {@code top}. */
  static TensorIndex compose(TensorIndex top, TensorIndex bottom, Shape shape) {
    List<Axis> b = full(bottom, shape);
    List<Axis> out = new ArrayList<>();
    int t = 0;
    for (int a = 0; a < b.size(); a++) {
      Axis ax = b.get(a);
      if (ax instanceof Single) {
        out.add(canonical(ax, shape.get(a)));
      } else {
        Axis topAx = t < top.size() ? top.axes().get(t) : Slice.ALL;
        t++;
        out.add(composeAxis(topAx, ax, shape.get(a)));
      }
    }
    return TensorIndex.of(out);
  }

  /** The index of {@code rank} entries that is {@code ax} at {@code axis} and {@code :} elsewhere. */
  static TensorIndex single(Axis ax, int axis, int rank) {
    List<Axis> out = new ArrayList<>();
    for (int i = 0; i < rank; i++) {
      out.add(i == axis ? ax : Slice.ALL);
    }
    return TensorIndex.of(out);
  }

  /**
   * How an entry on a concatenated axis splits over the parts of sizes {@code sections}: one
   * (nullable) entry per part, null where the part is not read. Tensors are not supported (null
   * result), nor an empty slice at an inner boundary (exception).
   */
  static List<Axis> splitOverSections(Axis ax, long[] sections, String rewrite) {
    long[] starts = new long[sections.length + 1];
    for (int i = 0; i < sections.length; i++) {
      starts[i + 1] = starts[i] + sections[i];
    }
    long len = starts[sections.length];
    List<Axis> result = new ArrayList<>();
    for (int i = 0; i < sections.length; i++) {
      result.add(null);
    }
    if (ax instanceof Single s) {
      long single = s.index() < 0 ? s.index() + len : s.index();
      int outer = -1;
      for (int i = 0; i <= sections.length && starts[i] <= single; i++) {
        outer = i;
      }
      result.set(outer, new Single(single - starts[outer]));
      return result;
    }
    if (ax instanceof Tensor) {
      return null;
    }
    Slice sl = (Slice) ax;
    long ustart = start(sl, len);
    long ustop = stop(sl, len);
    boolean any = false;
    for (int i = 0; i < sections.length; i++) {
      long st = starts[i];
      long sp = st + sections[i];
      if (st < ustop && sp > ustart && (st != sp || st < ustop - 1)) {
        result.set(i, slice(Math.max(0, ustart - st), Math.min(sections[i], ustop - st)));
        any = true;
      }
    }
    if (ustart == ustop && !any) {
      if (ustart == 0) {
        result.set(0, slice(ustart, ustop));
      } else if (ustop == len) {
        result.set(sections.length - 1, slice(0, 0));
      } else {
        throw new RewriteNotApplicableException(rewrite, "an empty slice " + sl
            + " at an inner boundary of a Concat has no unique part to go to");
      }
    }
    if (sections.length == 1 && result.get(0) == null) {
      result.set(0, slice(ustart, ustop));
    }
    return result;
  }
}
