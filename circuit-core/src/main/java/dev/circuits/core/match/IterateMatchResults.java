package dev.circuits.core.match;

import java.util.Objects;

/** What an {@link IterativeMatcher} says about one node: is it found, and how to continue below. */
public record IterateMatchResults(Updated updated, boolean found) {
  /** Checks {@code updated} is present. */
  public IterateMatchResults {
    Objects.requireNonNull(updated, "updated");
  }

  /** Continue with the same matcher. */
  public static IterateMatchResults same(boolean found) {
    return new IterateMatchResults(Updated.same(), found);
  }

  /** Stop below this node. */
  public static IterateMatchResults finished(boolean found) {
    return new IterateMatchResults(Updated.finished(), found);
  }
}
