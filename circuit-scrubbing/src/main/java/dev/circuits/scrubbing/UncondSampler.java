package dev.circuits.scrubbing;

import java.util.Optional;
import java.util.random.RandomGenerator;

/** Samples rows of the source uniformly with replacement, ignoring the reference (its length aside). */
public record UncondSampler(Optional<PoolAnnotation> pool) implements CondSampler {
  /** An unpooled sampler. */
  public UncondSampler() {
    this(Optional.empty());
  }

  /** A sampler reusing datasets from {@code pool}. */
  public static UncondSampler pooled(PoolAnnotation pool) {
    return new UncondSampler(Optional.of(pool));
  }

  @Override
  public Dataset sample(Dataset ref, Dataset ds, RandomGenerator rng) {
    return ds.sample(ref.size(), rng);
  }

  /** Every reference is equivalent: one pool per source dataset. */
  @Override
  public Object dsEqClass(Dataset ds) {
    return UncondSampler.class;
  }
}
