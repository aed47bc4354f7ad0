package dev.circuits.scrubbing;

import java.util.random.RandomGenerator;

/**
 * Generates fresh data on demand instead of filtering a fixed dataset, so a condition never runs
 * out of candidates (REMIX's on-the-fly CondSampler demo). Used through {@link OnTheFlySampler},
 * which checks the condition on what comes back. Implementations must be deterministic given the
 * generator's state. Example (keep column 0, redraw column 1):
 * {@code (ref, rng) -> withColumn(ref, 1, rng.nextInt(10))}.
 */
@FunctionalInterface
public interface DataSource {
  /**
   * Fresh rows, one per reference row: row {@code i} is generated to agree with {@code ref}'s row
   * {@code i} on the sampler's condition, with the same array names as {@code ref}.
   */
  Dataset generate(Dataset ref, RandomGenerator rng);
}
