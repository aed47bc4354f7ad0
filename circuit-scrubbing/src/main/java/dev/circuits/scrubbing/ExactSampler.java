package dev.circuits.scrubbing;

import java.util.random.RandomGenerator;

/** Returns the reference dataset itself (consumes no randomness). */
public record ExactSampler() implements CondSampler {
  @Override
  public Dataset sample(Dataset ref, Dataset ds, RandomGenerator rng) {
    return ref;
  }
}
