package dev.circuits.core.match;

import java.util.Objects;

/**
 * Builds a depth/termination restriction of a matcher (rust_circuit's {@code restrict}). Example:
 * {@code IterativeMatcher.restricting(m).startDepth(1).endDepth(3).termIfMatches(true).build()}.
 */
public final class Restriction {
  private final IterativeMatcher matcher;
  private boolean termIfMatches;
  private int startDepth = Restrict.NONE;
  private int endDepth = Restrict.NONE;
  private Matcher termEarlyAt = Matcher.never();

  Restriction(IterativeMatcher matcher) {
    this.matcher = Objects.requireNonNull(matcher, "matcher");
  }

  /** Stop traversing below the first node found. */
  public Restriction termIfMatches(boolean on) {
    this.termIfMatches = on;
    return this;
  }

  /** Suppress matches above this depth (inclusive start; the restricted node is depth 0). */
  public Restriction startDepth(int depth) {
    this.startDepth = checkDepth(depth);
    return this;
  }

  /** Do not visit nodes at this depth or deeper (exclusive end). */
  public Restriction endDepth(int depth) {
    this.endDepth = checkDepth(depth);
    return this;
  }

  /** Stop traversing below nodes matching {@code m} (such nodes can still be found). */
  public Restriction termEarlyAt(Matcher m) {
    this.termEarlyAt = Objects.requireNonNull(m, "termEarlyAt");
    return this;
  }

  /** The restricted matcher. */
  public IterativeMatcher build() {
    return new Restrict(matcher, termIfMatches, startDepth, endDepth, termEarlyAt, 0);
  }

  private static int checkDepth(int d) {
    if (d < 0) {
      throw new MatchException(MatchException.Reason.INVALID_ARGUMENT,
          "restrict: depths are non-negative, got " + d);
    }
    return d;
  }
}
