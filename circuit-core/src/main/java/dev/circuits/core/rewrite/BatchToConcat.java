package dev.circuits.core.rewrite;

import dev.circuits.core.Circuit;
import dev.circuits.core.Concat;
import dev.circuits.core.Index;
import dev.circuits.core.Kind;
import dev.circuits.core.Substitution;
import dev.circuits.core.match.IterativeMatcher;
import dev.circuits.core.match.Matcher;

/**
 * {@code batch_to_concat}: splits an axis of the output into chunks of {@code batchSize}, each
 * computed from only its slice of the inputs, joined by a Concat. Modules are substituted first;
 * each chunk's Index is then pushed down (partially where it must stay, and fused with the Index
 * nodes it meets) until it sits on the leaves that carry the axis, so evaluating one chunk touches one chunk of every batched
 * intermediate. Equal in value to the input; it bounds peak memory.
 */
public final class BatchToConcat {
  /** The rewrite name used in exceptions. */
  public static final String NAME = "batch_to_concat";

  private BatchToConcat() {}

  /** {@code c} evaluated in chunks of {@code batchSize} along {@code axis}. */
  public static Concat batchToConcat(Circuit c, int axis, long batchSize) {
    if (axis < 0 || axis >= c.rank()) {
      throw new RewriteNotApplicableException(NAME, "axis " + axis + " is out of range for "
          + c.describe());
    }
    if (batchSize <= 0) {
      throw new RewriteNotApplicableException(NAME, "batch size must be positive, got "
          + batchSize);
    }
    long n = c.shape().get(axis);
    int chunks = (int) Math.max(1, (n + batchSize - 1) / batchSize);
    long[] sections = new long[chunks];
    for (int i = 0; i < chunks; i++) {
      sections[i] = Math.min(batchSize, n - i * batchSize);
    }
    if (n == 0) {
      sections[0] = 0;
    }
    IterativeMatcher traversal = IterativeMatcher.newTraversal(null, null,
        Matcher.ofKind(Kind.ARRAY, Kind.SYMBOL));
    return SplitToConcat.splitToConcat(Substitution.substituteAll(c), axis, sections,
        part -> pushDown((Index) part, traversal));
  }

  private static Circuit pushDown(Index part, IterativeMatcher traversal) {
    try {
      return PushDownIndex.pushDownFusing(part, traversal);
    } catch (RewriteNotApplicableException e) {
      return part;
    }
  }
}
