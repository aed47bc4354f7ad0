package dev.circuits.scrubbing;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * A conditional sampler that asks a {@link DataSource} for fresh rows agreeing with each reference
 * row on {@code condition}, instead of filtering the source dataset (which it ignores). Rows that
 * break the condition are regenerated, up to {@code maxAttempts} calls in all; if some still do, a
 * {@link ConditionNotMetException} names them. Reference rows with equal condition values share a
 * pool, as with {@link FuncSampler}. Example:
 * {@code new OnTheFlySampler(ioiSource, Feature.of("template", ...))}.
 */
public record OnTheFlySampler(DataSource source, Feature condition, int maxAttempts)
    implements CondSampler {
  /** The default number of generation attempts per call. */
  public static final int DEFAULT_MAX_ATTEMPTS = 10;

  /** Validates the arguments. */
  public OnTheFlySampler {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(condition, "condition");
    if (maxAttempts < 1) {
      throw new ScrubbingException("maxAttempts must be at least 1, got " + maxAttempts);
    }
  }

  /** A sampler with {@link #DEFAULT_MAX_ATTEMPTS}. */
  public OnTheFlySampler(DataSource source, Feature condition) {
    this(source, condition, DEFAULT_MAX_ATTEMPTS);
  }

  @Override
  public Dataset sample(Dataset ref, Dataset ds, RandomGenerator rng) {
    FeatureRows want = FeatureRows.of(condition, ref);
    Dataset out = generate(ref, rng);
    List<Integer> failing = failing(want, out, allRows(ref.size()));
    for (int attempt = 1; attempt < maxAttempts && !failing.isEmpty(); attempt++) {
      long[] idx = failing.stream().mapToLong(Integer::longValue).toArray();
      Dataset regenerated = generate(ref.rows(idx), rng);
      long[] merge = new long[ref.size()];
      for (int i = 0; i < merge.length; i++) {
        merge[i] = i;
      }
      for (int k = 0; k < idx.length; k++) {
        merge[(int) idx[k]] = ref.size() + k;
      }
      out = Dataset.concat(List.of(out, regenerated)).rows(merge);
      failing = failing(want, out, failing);
    }
    if (!failing.isEmpty()) {
      FeatureRows got = FeatureRows.of(condition, out);
      int row = failing.get(0);
      throw new ConditionNotMetException("data source " + source + " broke condition "
          + condition + " on " + failing.size() + " of " + ref.size() + " rows after "
          + maxAttempts + " attempts (e.g. row " + row + ": wanted " + want.key(row) + ", got "
          + got.key(row) + ")");
    }
    return out;
  }

  private Dataset generate(Dataset ref, RandomGenerator rng) {
    Dataset out = source.generate(ref, rng);
    if (out.size() != ref.size() || !out.arrays().keySet().equals(ref.arrays().keySet())) {
      throw new ScrubbingException("data source " + source + " returned " + out.size()
          + " rows of " + out.arrays().keySet() + " for " + ref.size() + " reference rows of "
          + ref.arrays().keySet() + "; it must return one row per reference row, same arrays");
    }
    return out;
  }

  private static List<Integer> allRows(int n) {
    List<Integer> all = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      all.add(i);
    }
    return all;
  }

  private List<Integer> failing(FeatureRows want, Dataset out, List<Integer> candidates) {
    FeatureRows got = FeatureRows.of(condition, out);
    List<Integer> bad = new ArrayList<>();
    for (int i : candidates) {
      if (!want.key(i).equals(got.key(i))) {
        bad.add(i);
      }
    }
    return bad;
  }

  /** References with equal condition values share a pool. */
  @Override
  public Object dsEqClass(Dataset ds) {
    return FeatureRows.of(condition, ds).keys();
  }

  @Override
  public String describeCondition(Dataset datum) {
    return FeatureRows.describe(condition, datum);
  }
}
