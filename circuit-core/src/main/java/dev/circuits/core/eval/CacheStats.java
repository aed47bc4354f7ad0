package dev.circuits.core.eval;

/**
 * A snapshot of an {@link Evaluator}'s cache counters.
 *
 * @param hits node lookups answered from the cache
 * @param misses node lookups that had to compute the node
 * @param evictions entries dropped to stay within the budget
 * @param entries entries held now
 * @param bytes off-heap bytes held now (arrays borrowed from the circuit count zero)
 * @param budgetBytes the memory budget
 */
public record CacheStats(long hits, long misses, long evictions, long entries, long bytes,
    long budgetBytes) {}
