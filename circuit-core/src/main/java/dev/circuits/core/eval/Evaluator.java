package dev.circuits.core.eval;

import dev.circuits.core.Circuit;
import dev.circuits.core.Kind;
import dev.circuits.core.Substitution;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates circuits on ND4J. Modules are substituted first; every node's value is memoised by its
 * structural hash in a cache that lives across calls and holds at most the memory budget (least
 * recently used out), so a later call sharing subtrees reuses them.
 *
 * <p>Returned arrays belong to the caller: each is a fresh c-order copy, or a buffer that nothing
 * else references (e.g. a result too large to cache); mutate or {@code close()} them freely.
 *
 * <p>Thread-safe: concurrent calls share the cache, whose lock is held only for lookups and
 * insertions (never while computing, so no deadlock); two calls may both compute a node that
 * neither found cached.
 *
 * <p>Example: {@code Evaluator.builder().float64().build().evaluate(circuit)}.
 */
public final class Evaluator {
  /** The default cache budget: 2 GiB. */
  public static final long DEFAULT_MEMORY_BUDGET = 2L << 30;
  private static final Logger LOG = LoggerFactory.getLogger(Evaluator.class);

  private final DataType dtype;
  private final long memoryBudget;
  private final EvaluationCache cache;
  private final EinsumPlanner planner = new EinsumPlanner();
  private final NodeComputer computer;

  private Evaluator(DataType dtype, long memoryBudget) {
    this.dtype = dtype;
    this.memoryBudget = memoryBudget;
    this.cache = new EvaluationCache(memoryBudget);
    this.computer = new NodeComputer(dtype, planner);
  }

  /** A float32 evaluator with the default memory budget. */
  public static Evaluator create() {
    return builder().build();
  }

  /** A builder (float32, {@link #DEFAULT_MEMORY_BUDGET} by default). */
  public static Builder builder() {
    return new Builder();
  }

  /** The floating-point type values are computed in (FLOAT or DOUBLE). */
  public DataType dtype() {
    return dtype;
  }

  /** The cache's memory budget in bytes. */
  public long memoryBudgetBytes() {
    return memoryBudget;
  }

  /** The value of {@code circuit} (float type, or int64 for integer-valued circuits). */
  public INDArray evaluate(Circuit circuit) {
    return evaluateMany(List.of(circuit)).get(0);
  }

  /** The values of several circuits, computing shared subtrees once. */
  public List<INDArray> evaluateMany(List<Circuit> circuits) {
    List<Circuit> roots = new ArrayList<>(circuits.size());
    for (Circuit c : circuits) {
      Circuit substituted = Substitution.substituteAll(c);
      checkEvaluable(c, substituted);
      roots.add(substituted);
    }
    long start = System.nanoTime();
    roots = IndexSinking.apply(roots, cache::contains);
    EvaluationRun run = new EvaluationRun(cache, computer);
    List<INDArray> out = run.run(roots);
    if (LOG.isDebugEnabled()) {
      LOG.debug("evaluated {} root(s): computed {} node(s) in {} ms; cache {}", roots.size(),
          run.computedNodes(), (System.nanoTime() - start) / 1_000_000, cache.stats());
    }
    return out;
  }

  /** Drops every cached value. */
  public void clearCache() {
    cache.clear();
  }

  /** The cache's counters (hits, misses, evictions, entries, bytes). */
  public CacheStats cacheStats() {
    return cache.stats();
  }

  private static void checkEvaluable(Circuit original, Circuit root) {
    if (root.isExplicitlyComputable() && root.isConstant()) {
      return;
    }
    for (Circuit c : root.postOrder()) {
      if (c.kind() == Kind.SYMBOL || c.kind() == Kind.DISCRETE_VAR) {
        String why = c.kind() == Kind.SYMBOL
            ? "a Symbol is a placeholder (bind it with a Module)"
            : "a DiscreteVar must be sampled first (see the sampler)";
        throw new EvaluationException("cannot evaluate " + original.describe() + ": it contains "
            + c.describe() + ", which is not explicitly computable: " + why);
      }
    }
    throw new EvaluationException("cannot evaluate " + original.describe()
        + ": it is not explicitly computable");
  }

  /** Configures an {@link Evaluator}. */
  public static final class Builder {
    private DataType dtype = DataType.FLOAT;
    private long memoryBudget = DEFAULT_MEMORY_BUDGET;

    private Builder() {}

    /** Computes in {@code dtype}: FLOAT (default) or DOUBLE. */
    public Builder dtype(DataType dtype) {
      if (dtype != DataType.FLOAT && dtype != DataType.DOUBLE) {
        throw new IllegalArgumentException("evaluator dtype must be FLOAT or DOUBLE, got " + dtype);
      }
      this.dtype = dtype;
      return this;
    }

    /** Computes in float64 (for exact comparisons in tests of rewrites). */
    public Builder float64() {
      return dtype(DataType.DOUBLE);
    }

    /** Caps the cache at {@code bytes} of values (0 disables caching). */
    public Builder memoryBudgetBytes(long bytes) {
      if (bytes < 0) {
        throw new IllegalArgumentException("memory budget must be >= 0, got " + bytes);
      }
      this.memoryBudget = bytes;
      return this;
    }

    /** The evaluator. */
    public Evaluator build() {
      return new Evaluator(dtype, memoryBudget);
    }
  }
}
