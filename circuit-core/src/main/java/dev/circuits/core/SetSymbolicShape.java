package dev.circuits.core;

import dev.circuits.core.internal.HashBuilder;
import java.util.List;

/**
 * Asserts a shape for its child where sizes are symbolic: rust_circuit's {@code SetSymbolicShape}.
 * Each dim either equals the child's or one of the two is symbolic (a constraint such as
 * {@code 2*2*11s = 7s} or {@code 0s = 768}). Module expansion inserts these nodes where a symbolic
 * size meets a concrete one, and drops them once the child's shape is concrete; evaluation is the
 * identity (the child's value must then have this node's shape).
 */
public final class SetSymbolicShape extends Circuit {
  private SetSymbolicShape(Circuit node, Shape shape, Naming naming) {
    super(List.of(node), checked(node, shape, naming.name()), naming,
        () -> AutoNames.postfix(Kind.SET_SYMBOLIC_SHAPE, node, "set_shape"));
  }

  /** Sets the shape of {@code node} to {@code shape} (same rank; differing dims symbolic). */
  public static SetSymbolicShape of(Circuit node, Shape shape, String name) {
    return new SetSymbolicShape(node, shape, Naming.of(name));
  }

  /**
   * rust's {@code some_set_neq}: {@code node} itself when every given dim ({@code null}: keep) is
   * already its size, else a SetSymbolicShape with the given dims.
   */
  public static Circuit someSetNeq(Circuit node, Long[] dims, String name) {
    if (dims.length != node.rank()) {
      throw new ConstructException(ConstructException.Rule.SET_SYMBOLIC_SHAPE_INVALID,
          "setting " + dims.length + " dims on " + node.describe());
    }
    long[] out = node.shape().toArray();
    boolean changed = false;
    for (int i = 0; i < dims.length; i++) {
      if (dims[i] != null && dims[i] != out[i]) {
        out[i] = dims[i];
        changed = true;
      }
    }
    return changed ? of(node, Shape.of(out), name) : node;
  }

  /**
   * rust's {@code some_set_and_symbolic_neq}: like {@link #someSetNeq} but only dims whose current
   * size is symbolic are set.
   */
  public static Circuit someSetAndSymbolicNeq(Circuit node, Long[] dims, String name) {
    Long[] keep = new Long[dims.length];
    for (int i = 0; i < dims.length && i < node.rank(); i++) {
      keep[i] = SymbolicSizes.isSymbolic(node.shape().get(i)) ? dims[i] : null;
    }
    return someSetNeq(node, keep, name);
  }

  private static Shape checked(Circuit node, Shape shape, String name) {
    String who = "SetSymbolicShape " + (name == null ? "<unnamed>" : "'" + name + "'") + " on "
        + node.describe();
    if (shape.rank() != node.rank()) {
      throw new ConstructException(ConstructException.Rule.SET_SYMBOLIC_SHAPE_INVALID,
          who + ": shape " + shape + " has a different rank");
    }
    for (int i = 0; i < shape.rank(); i++) {
      String problem = constraintProblem(node.shape().get(i), shape.get(i));
      if (problem != null) {
        throw new ConstructException(ConstructException.Rule.SET_SYMBOLIC_SHAPE_INVALID,
            who + ": dim " + i + " cannot be set from " + SymbolicSizes.format(node.shape().get(i))
                + " to " + SymbolicSizes.format(shape.get(i)) + " (" + problem + ")");
      }
    }
    return shape;
  }

  /** Why {@code from = to} cannot hold, or null when it can (rust's SymbolicSizeConstraint). */
  private static String constraintProblem(long from, long to) {
    if (from == to) {
      return null;
    }
    SymbolicSizes.Factors f = SymbolicSizes.factor(from);
    SymbolicSizes.Factors t = SymbolicSizes.factor(to);
    if (f.symbolic().isEmpty() && t.symbolic().isEmpty()) {
      return "both sizes are concrete";
    }
    if (f.symbolic().isEmpty() && (t.other() == 0 || f.other() % t.other() != 0)) {
      return "factor " + t.other() + " does not divide " + f.other();
    }
    if (t.symbolic().isEmpty() && (f.other() == 0 || t.other() % f.other() != 0)) {
      return "factor " + f.other() + " does not divide " + t.other();
    }
    return null;
  }

  @Override
  public Kind kind() {
    return Kind.SET_SYMBOLIC_SHAPE;
  }

  /** The node whose shape is set. */
  public Circuit node() {
    return child(0);
  }

  @Override
  void hashNodeBytes(HashBuilder hb) {
    for (long d : shape().toArray()) {
      hb.u64(d);
    }
  }

  @Override
  Circuit rebuild(List<Circuit> newChildren, Naming naming) {
    return new SetSymbolicShape(newChildren.get(0), shape(), naming);
  }
}
