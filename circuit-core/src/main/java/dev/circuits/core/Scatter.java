package dev.circuits.core;

import dev.circuits.core.internal.HashBuilder;
import dev.circuits.core.spec.TensorIndex;
import java.util.List;

/** {@code zeros(shape)[index] = node}, slices only (rust_circuit's "pad with zeros"). */
public final class Scatter extends Circuit {
  private final TensorIndex index;

  private Scatter(Circuit node, TensorIndex index, Shape shape, Naming naming) {
    super(List.of(node), validate(node, index, shape), naming,
        () -> AutoNames.postfix(Kind.SCATTER, node, "scatter"));
    this.index = canonical(index, shape);
  }

  private static Shape validate(Circuit node, TensorIndex index, Shape shape) {
    if (!index.axes().stream().allMatch(a -> a instanceof TensorIndex.Slice)) {
      throw new ConstructException(ConstructException.Rule.SCATTER_INVALID,
          "Scatter index " + index + " must be slices only");
    }
    Shape indexed = index.outputShape(shape, "Scatter target");
    if (!indexed.equals(node.shape())) {
      throw new ConstructException(ConstructException.Rule.SCATTER_INVALID,
          "Scatter of " + node.describe() + " into " + shape + " at " + index
              + " selects shape " + indexed);
    }
    return shape;
  }

  /** Scatters {@code node} into zeros of {@code shape} at {@code index}. */
  public static Scatter of(Circuit node, TensorIndex index, Shape shape, String name) {
    return new Scatter(node, index, shape, Naming.of(name));
  }

  @Override
  public Kind kind() {
    return Kind.SCATTER;
  }

  /** The (slice-only) index, canonicalised to explicit {@code start:stop} slices. */
  public TensorIndex index() {
    return index;
  }

  /** The scattered node. */
  public Circuit node() {
    return child(0);
  }

  /** The index with every slice made explicit ({@code start:stop}), as rust canonicalises. */
  private static TensorIndex canonical(TensorIndex index, Shape shape) {
    List<TensorIndex.Axis> out = new java.util.ArrayList<>();
    for (int a = 0; a < shape.rank(); a++) {
      TensorIndex.Slice s = a < index.size() ? (TensorIndex.Slice) index.axes().get(a)
          : TensorIndex.Slice.ALL;
      long l = shape.get(a);
      long start = s.start() == null ? 0 : (s.start() < 0 ? Math.max(0, l + s.start())
          : Math.min(l, s.start()));
      out.add(new TensorIndex.Slice(start, start + s.size(l)));
    }
    return TensorIndex.of(out);
  }

  @Override
  void hashNodeBytes(HashBuilder hb) {
    hb.bytes(index.hashBytes());
    for (long d : shape().toArray()) {
      hb.u64(d);
    }
  }

  @Override
  Circuit rebuild(List<Circuit> newChildren, Naming naming) {
    return new Scatter(newChildren.get(0), index, shape(), naming);
  }
}
