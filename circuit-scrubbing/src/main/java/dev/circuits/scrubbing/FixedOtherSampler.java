package dev.circuits.scrubbing;

import java.util.Objects;
import java.util.random.RandomGenerator;

/** Always returns one fixed dataset (which must have the reference's length). */
public record FixedOtherSampler(Dataset other) implements CondSampler {
  /** Validates that a dataset is given. */
  public FixedOtherSampler {
    Objects.requireNonNull(other, "other");
  }

  @Override
  public Dataset sample(Dataset ref, Dataset ds, RandomGenerator rng) {
    if (other.size() != ref.size()) {
      throw new ScrubbingException("FixedOtherSampler holds " + other.size()
          + " rows but the reference has " + ref.size());
    }
    return other;
  }

  @Override
  public Object dsEqClass(Dataset ds) {
    return UncondSampler.class;
  }
}
