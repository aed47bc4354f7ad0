package dev.circuits.core;

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

  /** Indexes {@code node}. */
  public static Index of(Circuit node, TensorIndex index, String name) {
    return new Index(node, index, Naming.of(name));
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
