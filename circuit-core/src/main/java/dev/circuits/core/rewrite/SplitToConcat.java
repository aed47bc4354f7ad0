package dev.circuits.core.rewrite;

import dev.circuits.core.Circuit;
import dev.circuits.core.Concat;
import dev.circuits.core.Index;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * {@code split_to_concat}: rewrites {@code c} as a Concat of slices of {@code c} along one axis
 * (REMIX splits heads and MLPs by sequence position this way). Parts are named
 * {@code "{name}_at_idx_{i}"} as in rust_circuit's Python version; the Concat takes {@code c}'s
 * name. Example: {@code SplitToConcat.splitToConcat(x, 1, new long[] {2, 2, 6})}.
 */
public final class SplitToConcat {
  /** The rewrite name used in exceptions. */
  public static final String NAME = "split_to_concat";

  private SplitToConcat() {}

  /** {@code c} as the Concat of its slices of the given {@code sections} sizes along {@code axis}. */
  public static Concat splitToConcat(Circuit c, int axis, long[] sections) {
    return splitToConcat(c, axis, sections, UnaryOperator.identity());
  }

  /**
   * As {@link #splitToConcat(Circuit, int, long[])}, running {@code onPart} on each new Index (for
   * example {@code PushDownIndex::pushDownIndex}) before concatenating.
   */
  public static Concat splitToConcat(Circuit c, int axis, long[] sections,
      UnaryOperator<Circuit> onPart) {
    if (axis < 0 || axis >= c.rank()) {
      throw new RewriteNotApplicableException(NAME, "axis " + axis + " is out of range for "
          + c.describe());
    }
    long total = 0;
    for (long s : sections) {
      if (s < 0) {
        throw new RewriteNotApplicableException(NAME, "negative section in "
            + Arrays.toString(sections));
      }
      total += s;
    }
    if (sections.length == 0 || total != c.shape().get(axis)) {
      throw new RewriteNotApplicableException(NAME, "sections " + Arrays.toString(sections)
          + " sum to " + total + " but axis " + axis + " of " + c.describe() + " has size "
          + c.shape().get(axis));
    }
    List<Circuit> parts = new ArrayList<>();
    long start = 0;
    for (int i = 0; i < sections.length; i++) {
      Index part = Index.of(c, Indices.single(Indices.slice(start, start + sections[i]), axis,
          axis + 1), Names.suffixed(c.name(), "_at_idx_" + i));
      parts.add(onPart.apply(part));
      start += sections[i];
    }
    return (Concat) Names.keep(Concat.of(parts, axis, c.name()), c);
  }
}
