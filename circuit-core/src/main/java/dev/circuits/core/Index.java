package dev.circuits.core;

import dev.circuits.core.internal.HashBuilder;
import dev.circuits.core.spec.TensorIndex;
import java.util.List;

/** Dimwise indexing: each axis is indexed independently by an int, slice or int tensor. */
public final class Index extends Circuit {
  private final TensorIndex index;

  private Index(Circuit node, TensorIndex index, Naming naming) {
    super(List.of(node), index.outputShape(node.shape(), node.describe()), naming,
        () -> AutoNames.postfix(Kind.INDEX, node, "idx"));
    this.index = index;
  }

  /** Indexes {@code node}; a short index is padded with {@code :} (as rust_circuit does, so the
   * hash and printed form match). */
  public static Index of(Circuit node, TensorIndex index, String name) {
    return new Index(node, padded(node, index), Naming.of(name));
  }

  private static TensorIndex padded(Circuit node, TensorIndex index) {
    if (index.size() >= node.rank()) {
      return index;
    }
    java.util.List<TensorIndex.Axis> axes = new java.util.ArrayList<>(index.axes());
    while (axes.size() < node.rank()) {
      axes.add(TensorIndex.Slice.ALL);
    }
    return TensorIndex.of(axes);
  }

  @Override
  public Kind kind() {
    return Kind.INDEX;
  }

  /** The index. */
  public TensorIndex index() {
    return index;
  }

  /** The indexed node. */
  public Circuit node() {
    return child(0);
  }

  @Override
  void hashNodeBytes(HashBuilder hb) {
    hb.bytes(index.hashBytes());
  }

  @Override
  Circuit rebuild(List<Circuit> newChildren, Naming naming) {
    return new Index(newChildren.get(0), index, naming);
  }
}
