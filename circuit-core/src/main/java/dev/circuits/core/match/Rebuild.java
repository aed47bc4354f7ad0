package dev.circuits.core.match;

import dev.circuits.core.Circuit;
import dev.circuits.core.CircuitException;
import java.util.List;
import java.util.function.UnaryOperator;

/** Rebuilding a node around updated children, with errors that name the parent and child. */
final class Rebuild {
  private Rebuild() {}

  /**
   * {@code node} itself when every new child equals the old one, else {@code node.withChildren}
   * (re-validated); a rejection becomes a {@link MatchException} naming parent and children.
   */
  static Circuit withChildren(Circuit node, List<Circuit> newChildren) {
    boolean same = true;
    for (int i = 0; i < newChildren.size() && same; i++) {
      same = newChildren.get(i).equals(node.child(i));
    }
    if (same) {
      return node;
    }
    try {
      return node.withChildren(newChildren);
    } catch (CircuitException e) {
      StringBuilder changed = new StringBuilder();
      for (int i = 0; i < newChildren.size(); i++) {
        if (!newChildren.get(i).equals(node.child(i))) {
          changed.append("\n  child ").append(i).append(": ").append(node.child(i).describe())
              .append(" -> ").append(newChildren.get(i).describe());
        }
      }
      throw new MatchException(MatchException.Reason.REBUILD_FAILED, "parent "
          + node.describe() + " does not accept its updated children:" + changed + "\n"
          + e.getMessage(), e);
    }
  }

  /** The children of {@code node}, replaced where {@code results} has a non-null entry. */
  static List<Circuit> children(Circuit node, List<? extends Circuit> results) {
    Circuit[] out = new Circuit[node.numChildren()];
    for (int i = 0; i < out.length; i++) {
      Circuit r = results.get(i);
      out[i] = r == null ? node.child(i) : r;
    }
    return List.of(out);
  }

  /** Applies {@code transform}, rejecting a null result. */
  static Circuit apply(UnaryOperator<Circuit> transform, Circuit c) {
    Circuit out = transform.apply(c);
    if (out == null) {
      throw new MatchException(MatchException.Reason.INVALID_ARGUMENT,
          "transform returned null for " + c.describe());
    }
    return out;
  }
}
