package dev.circuits.core.sample;

import dev.circuits.core.Circuit;
import java.util.List;

/** How a {@link Sampler} turns each DiscreteVar group into rows. */
public sealed interface SampleSpec permits SampleSpec.RunAll, SampleSpec.Random {
  /**
   * Every row of each listed group, in order: group {@code i}'s rows become batch axis {@code i}
   * (several groups give an outer product). Vars of groups not listed are an error.
   */
  record RunAll(List<Circuit> groups) implements SampleSpec {
    /** Copies the list. */
    public RunAll {
      groups = List.copyOf(groups);
    }
  }

  /**
   * {@code count} rows per group drawn with replacement by each var's probabilities, seeded by
   * {@code seed} mixed with the group's hash; all groups share one leading batch axis.
   */
  record Random(int count, long seed) implements SampleSpec {
    /** Validates the count. */
    public Random {
      if (count <= 0) {
        throw new IllegalArgumentException("sample count must be positive, got " + count);
      }
    }
  }
}
