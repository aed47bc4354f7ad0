package dev.circuits.core.rewrite;

import dev.circuits.core.Circuit;
import dev.circuits.core.match.IterativeMatcher;
import dev.circuits.core.match.Updated;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One step of a traversal ("the region a matcher visits before it terminates"). */
final class TraversalSteps {
  private TraversalSteps() {}

  /**
   * The traversal for each child of {@code c} (a finished child gets {@code term()}), or null when
   * the traversal stops at {@code c}.
   */
  static List<IterativeMatcher> below(IterativeMatcher traversal, Circuit c) {
    Updated u = traversal.matchIterate(c).updated();
    if (u.allFinished()) {
      return null;
    }
    List<IterativeMatcher> out = new ArrayList<>();
    for (Optional<IterativeMatcher> m : u.forChildren(traversal, c.numChildren())) {
      out.add(m.orElse(IterativeMatcher.term()));
    }
    return out;
  }
}
