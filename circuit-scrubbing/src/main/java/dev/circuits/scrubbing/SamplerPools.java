package dev.circuits.scrubbing;

import java.util.HashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The pools of one sampling run: per (sampler, source dataset) and reference equivalence class, up
 * to {@code size} lazily sampled datasets, one picked uniformly per request. Samplers without a
 * pool annotation bypass it.
 */
public final class SamplerPools {
  private record PoolKey(CondSampler sampler, Dataset source) {}

  private final Map<PoolKey, Map<Object, Dataset[]>> pools = new HashMap<>();

  /** {@code sampler}'s dataset for {@code ref}, reused from its pool when it has one. */
  public Dataset sample(CondSampler sampler, Dataset ref, Dataset source, RandomGenerator rng) {
    if (sampler.pool().isEmpty()) {
      return sampler.sample(ref, source, rng);
    }
    int size = sampler.pool().get().size();
    Dataset[] pool = pools.computeIfAbsent(new PoolKey(sampler, source), k -> new HashMap<>())
        .computeIfAbsent(sampler.dsEqClass(ref), k -> new Dataset[size]);
    int picked = rng.nextInt(pool.length);
    if (pool[picked] == null) {
      pool[picked] = sampler.sample(ref, source, rng);
    }
    return pool[picked];
  }

  /** The number of (sampler, source dataset) pairs holding pools. */
  public int size() {
    return pools.size();
  }
}
