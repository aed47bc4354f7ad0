package dev.circuits.scrubbing;

import java.util.Optional;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * An unconditional sampler with a pool of size 1: every node using an equal
 * {@code UncondTogetherSampler} (same id) in one sampling run gets the same dataset.
 */
public record UncondTogetherSampler(UUID id) implements CondSampler {
  /** rust_circuit's default id, shared by all default instances. */
  public static final UUID DEFAULT_ID = UUID.fromString("566ae005-4a34-4e37-9383-731e1a722ef2");

  /** The default instance (all default instances sample together). */
  public UncondTogetherSampler() {
    this(DEFAULT_ID);
  }

  @Override
  public Dataset sample(Dataset ref, Dataset ds, RandomGenerator rng) {
    return ds.sample(ref.size(), rng);
  }

  @Override
  public Optional<PoolAnnotation> pool() {
    return Optional.of(new PoolAnnotation(1, id));
  }

  @Override
  public Object dsEqClass(Dataset ds) {
    return UncondSampler.class;
  }
}
