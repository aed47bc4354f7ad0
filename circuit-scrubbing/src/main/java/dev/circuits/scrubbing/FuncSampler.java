package dev.circuits.scrubbing;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The standard causal-scrubbing sampler: for each reference row, a row drawn uniformly with
 * replacement from the source rows whose {@link Feature} value equals the reference row's. Throws
 * {@link NoMatchingSamplesException} when a value has no candidate and logs a warning when a value
 * has fewer candidates than reference rows needing it.
 */
public record FuncSampler(Feature feature, Optional<PoolAnnotation> pool) implements CondSampler {
  private static final Logger LOG = LoggerFactory.getLogger(FuncSampler.class);

  /** Validates the arguments. */
  public FuncSampler {
    Objects.requireNonNull(feature, "feature");
    Objects.requireNonNull(pool, "pool");
  }

  /** An unpooled sampler on {@code feature}. */
  public FuncSampler(Feature feature) {
    this(feature, Optional.empty());
  }

  /** This sampler reusing datasets from {@code pool}. */
  public FuncSampler pooled(PoolAnnotation pool) {
    return new FuncSampler(feature, Optional.of(pool));
  }

  @Override
  public Dataset sample(Dataset ref, Dataset ds, RandomGenerator rng) {
    Map<FeatureRows.Key, List<Integer>> refGroups = FeatureRows.of(feature, ref).groups();
    Map<FeatureRows.Key, List<Integer>> dsGroups = FeatureRows.of(feature, ds).groups();
    long[] idx = new long[ref.size()];
    int shortValues = 0;
    String example = null;
    for (Map.Entry<FeatureRows.Key, List<Integer>> e : refGroups.entrySet()) {
      List<Integer> refRows = e.getValue();
      List<Integer> candidates = dsGroups.get(e.getKey());
      if (candidates == null) {
        throw new NoMatchingSamplesException("no row of the source dataset (" + ds.size()
            + " rows) has value " + e.getKey() + " of feature " + feature
            + ", which reference rows " + refRows + " need");
      }
      if (candidates.size() < refRows.size()) {
        shortValues++;
        example = "value " + e.getKey() + ": " + candidates.size() + " < " + refRows.size();
      }
      for (int r : refRows) {
        idx[r] = candidates.get(rng.nextInt(candidates.size()));
      }
    }
    if (shortValues > 0) {
      LOG.warn("not enough unique dataset samples for {} value(s) of feature {} (e.g. {})",
          shortValues, feature, example);
    }
    return ds.rows(idx);
  }

  /** References with equal feature values share a pool. */
  @Override
  public Object dsEqClass(Dataset ds) {
    return FeatureRows.of(feature, ds).keys();
  }

  @Override
  public String describeCondition(Dataset datum) {
    return FeatureRows.describe(feature, datum);
  }
}
