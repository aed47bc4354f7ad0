package dev.circuits.core.rewrite;

import dev.circuits.core.Add;
import dev.circuits.core.Circuit;
import dev.circuits.core.Einsum;
import dev.circuits.core.match.IterativeMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * rust_circuit's traversal-aware {@code add_flatten} / {@code einsum_flatten}: nested Adds (or
 * Einsums) become one flat node, inlining a child only where the traversal continues below it.
 * Example: {@code Flatten.addFlatten(add)} turns {@code (a + b) + c} into {@code a + b + c}.
 */
public final class Flatten {
  /** The rewrite names used in exceptions. */
  public static final String ADD_FLATTEN = "add_flatten";
  /** The rewrite names used in exceptions. */
  public static final String EINSUM_FLATTEN = "einsum_flatten";

  private Flatten() {}

  /** Inlines every nested Add below {@code add}. */
  public static Add addFlatten(Add add) {
    return addFlatten(add, IterativeMatcher.noopTraversal());
  }

  /** Inlines nested Adds below {@code add} where {@code traversal} continues below them. */
  public static Add addFlatten(Add add, IterativeMatcher traversal) {
    List<Circuit> ops = operands(add, traversal);
    if (ops == null) {
      throw new RewriteNotApplicableException(ADD_FLATTEN, "the traversal stops at "
          + add.describe());
    }
    Circuit out = Names.keep(Add.of(ops, add.name()), add);
    if (out.equals(add)) {
      throw new RewriteNotApplicableException(ADD_FLATTEN, "no child of " + add.describe()
          + " within the traversal is an Add");
    }
    return (Add) out;
  }

  private static List<Circuit> operands(Circuit c, IterativeMatcher m) {
    if (!(c instanceof Add)) {
      return null;
    }
    List<IterativeMatcher> below = TraversalSteps.below(m, c);
    if (below == null) {
      return null;
    }
    List<Circuit> ops = new ArrayList<>();
    for (int i = 0; i < c.numChildren(); i++) {
      List<Circuit> sub = operands(c.child(i), below.get(i));
      if (sub == null) {
        ops.add(c.child(i));
      } else {
        ops.addAll(sub);
      }
    }
    return ops;
  }

  /** Inlines every nested Einsum below {@code einsum}; ints are renumbered by first appearance. */
  public static Einsum einsumFlatten(Einsum einsum) {
    return einsumFlatten(einsum, IterativeMatcher.noopTraversal());
  }

  /** Inlines nested Einsums below {@code einsum} where {@code traversal} continues below them. */
  public static Einsum einsumFlatten(Einsum einsum, IterativeMatcher traversal) {
    List<IterativeMatcher> below = TraversalSteps.below(traversal, einsum);
    if (below == null) {
      throw new RewriteNotApplicableException(EINSUM_FLATTEN, "the traversal stops at "
          + einsum.describe());
    }
    Einsum out = flat(einsum, below);
    if (out == null) {
      throw new RewriteNotApplicableException(EINSUM_FLATTEN, "flattening "
          + einsum.describe() + " needs more than 256 axis ints");
    }
    if (out.equals(EinsumInts.normalize(einsum))) {
      throw new RewriteNotApplicableException(EINSUM_FLATTEN, "no child of "
          + einsum.describe() + " within the traversal is an Einsum");
    }
    return out;
  }

  private static Einsum flat(Einsum e, List<IterativeMatcher> below) {
    List<Circuit> kids = new ArrayList<>(e.children());
    boolean[] inline = new boolean[kids.size()];
    for (int i = 0; i < kids.size(); i++) {
      if (kids.get(i) instanceof Einsum child) {
        List<IterativeMatcher> next = TraversalSteps.below(below.get(i), child);
        if (next != null) {
          Einsum f = flat(child, next);
          if (f == null) {
            return null;
          }
          kids.set(i, f);
          inline[i] = true;
        }
      }
    }
    return EinsumInts.inline((Einsum) e.withChildren(kids), inline);
  }
}
