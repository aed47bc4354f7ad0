package dev.circuits.scrubbing;

import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Draws, for a reference dataset, a dataset of the same length that the interpretation says is
 * "equivalent" to it: e.g. the same feature value ({@link FuncSampler}), anything
 * ({@link UncondSampler}) or the reference itself ({@link ExactSampler}). Implementations must be
 * values (equal when they behave the same): pools are shared between equal samplers.
 */
public interface CondSampler {
  /** A dataset of {@code ref.size()} rows, drawn from {@code ds} (or generated) given {@code ref}. */
  Dataset sample(Dataset ref, Dataset ds, RandomGenerator rng);

  /** The key under which reference datasets share a pool; by default the dataset itself. */
  default Object dsEqClass(Dataset ds) {
    return ds;
  }

  /** The pool annotation; empty (the default) means every call samples afresh. */
  default Optional<PoolAnnotation> pool() {
    return Optional.empty();
  }

  /** The printed name, e.g. {@code FuncSampler}, with {@code #id} when pooled. */
  default String displayName() {
    return getClass().getSimpleName() + pool().map(p -> "#" + (p.hashCode() & 1023)).orElse("");
  }

  /** What this sampler conditions on for a one-row dataset, e.g. {@code f(d)=3}; empty if nothing. */
  default String describeCondition(Dataset datum) {
    return "";
  }

  /**
   * The printed form: the name, plus datum {@code datumIdx} of {@code data} and the condition when
   * data is given, e.g. {@code FuncSampler(d=Datum(xs=[0, 5], labels=185), f(d)=0)}.
   */
  default String describe(Dataset data, int datumIdx) {
    if (data == null) {
      return displayName();
    }
    Dataset datum = data.row(datumIdx);
    String cond = describeCondition(datum);
    return displayName() + "(d=" + datum + (cond.isEmpty() ? "" : ", " + cond) + ")";
  }
}
