package dev.circuits.core;

import dev.circuits.core.internal.HashBuilder;
import java.util.List;

/** Concatenation along one axis; all other dims must agree. */
public final class Concat extends Circuit {
  private final int axis;

  private Concat(List<Circuit> nodes, int axis, Naming naming) {
    super(nodes, shapeOf(nodes, axis, naming.name()), naming,
        () -> AutoNames.infix(Kind.CONCAT, " ++ ", nodes));
    this.axis = axis;
  }

  private static Shape shapeOf(List<Circuit> nodes, int axis, String name) {
    String who = "Concat " + (name == null ? "<unnamed>" : "'" + name + "'");
    if (nodes.isEmpty()) {
      throw new ConstructException(ConstructException.Rule.CONCAT_EMPTY,
          who + " needs at least one node");
    }
    Shape first = nodes.get(0).shape();
    if (axis < 0 || axis >= first.rank()) {
      throw new ConstructException(ConstructException.Rule.CONCAT_AXIS_OUT_OF_BOUNDS,
          who + ": axis " + axis + " out of bounds for rank " + first.rank());
    }
    long total = 0;
    for (Circuit n : nodes) {
      Shape s = n.shape();
      if (s.rank() != first.rank() || !s.with(axis, 0).equals(first.with(axis, 0))) {
        throw new ConstructException(ConstructException.Rule.CONCAT_SHAPE_MISMATCH,
            who + ": " + n.describe() + " does not match " + first + " off axis " + axis);
      }
      total += s.get(axis);
    }
    return first.with(axis, total);
  }

  /** Concatenates along {@code axis} (negative counts from the end). */
  public static Concat of(List<Circuit> nodes, int axis, String name) {
    int rank = nodes.isEmpty() ? 0 : nodes.get(0).rank();
    return new Concat(nodes, axis < 0 ? axis + rank : axis, Naming.of(name));
  }

  /** Stacks nodes along a new axis (unsqueeze, then concat), with rust_circuit's names. */
  public static Concat stack(List<Circuit> nodes, int axis, String name) {
    int rank = nodes.isEmpty() ? 0 : nodes.get(0).rank() + 1;
    int ax = axis < 0 ? axis + rank : axis;
    List<Circuit> unsq = nodes.stream().map(n -> (Circuit) Rearrange.of(n,
        dev.circuits.core.spec.RearrangeSpec.unsqueeze(n.rank(), ax),
        n.isNamed() ? n.name() + "_unsqueeze_stack" : null)).toList();
    return of(unsq, ax, name);
  }

  @Override
  public Kind kind() {
    return Kind.CONCAT;
  }

  /** The concatenation axis. */
  public int axis() {
    return axis;
  }

  @Override
  void hashNodeBytes(HashBuilder hb) {
    hb.u64(axis);
  }

  @Override
  Circuit rebuild(List<Circuit> newChildren, Naming naming) {
    return new Concat(newChildren, axis, naming);
  }
}
