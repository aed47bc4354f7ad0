package dev.circuits.core;

import dev.circuits.core.internal.HashBuilder;
import java.util.Arrays;
import java.util.List;

/** Sum of children with numpy-style right-aligned broadcasting; no children give scalar 0. */
public final class Add extends Circuit {
  private Add(List<Circuit> nodes, Naming naming) {
    super(nodes, broadcastShape(nodes, naming.name()), naming,
        () -> AutoNames.infix(Kind.ADD, " + ", nodes));
  }

  /** Broadcasts shapes numpy-style, or throws naming the node. */
  static Shape broadcastShape(List<Circuit> nodes, String name) {
    int rank = nodes.stream().mapToInt(Circuit::rank).max().orElse(0);
    long[] out = new long[rank];
    Arrays.fill(out, 1);
    for (Circuit n : nodes) {
      int off = rank - n.rank();
      for (int i = 0; i < n.rank(); i++) {
        long d = n.shape().get(i);
        if (d != 1) {
          if (out[off + i] != 1 && out[off + i] != d) {
            throw new ConstructException(ConstructException.Rule.ADD_NO_BROADCAST,
                "Add " + (name == null ? "<unnamed>" : "'" + name + "'") + ": cannot broadcast "
                    + n.describe() + " with the other operands (" + Shape.of(out) + ")");
          }
          out[off + i] = d;
        }
      }
    }
    return Shape.of(out);
  }

  /** Sum of the nodes, auto-named. */
  public static Add of(Circuit... nodes) {
    return new Add(List.of(nodes), Naming.of(null));
  }

  /** Sum of a list of nodes with a name. */
  public static Add of(List<Circuit> nodes, String name) {
    return new Add(nodes, Naming.of(name));
  }

  @Override
  public Kind kind() {
    return Kind.ADD;
  }

  @Override
  void hashNodeBytes(HashBuilder hb) {}

  @Override
  Circuit rebuild(List<Circuit> newChildren, Naming naming) {
    return new Add(newChildren, naming);
  }
}
