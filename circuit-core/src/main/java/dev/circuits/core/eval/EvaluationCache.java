package dev.circuits.core.eval;

import dev.circuits.core.HashKey;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Node values by structural hash, least-recently-used first out, bounded by a byte budget. One
 * lock guards the map; it is held only for lookups and insertions, never while computing.
 */
final class EvaluationCache {
  private static final int MAX_ENTRIES = 1 << 20;
  private final long budget;
  private final LinkedHashMap<HashKey, Value> map = new LinkedHashMap<>(256, 0.75f, true);
  private long bytes;
  private long hits;
  private long misses;
  private long evictions;

  EvaluationCache(long budget) {
    this.budget = budget;
  }

  /** The cached value with a new reference for the caller, or null (counted as a miss). */
  synchronized Value acquire(HashKey key) {
    Value v = map.get(key);
    if (v == null) {
      misses++;
      return null;
    }
    hits++;
    v.retain();
    return v;
  }

  /** Whether {@code key} is cached (not counted as a hit or miss). */
  synchronized boolean contains(HashKey key) {
    return map.containsKey(key);
  }

  /** Caches {@code v} (taking its own reference) if it fits the budget; evicts LRU entries. */
  synchronized void offer(HashKey key, Value v) {
    if (budget <= 0 || v.bytes() > budget || map.containsKey(key)) {
      return;
    }
    v.retain();
    map.put(key, v);
    bytes += v.bytes();
    Iterator<Map.Entry<HashKey, Value>> it = map.entrySet().iterator();
    while ((bytes > budget || map.size() > MAX_ENTRIES) && it.hasNext()) {
      Map.Entry<HashKey, Value> eldest = it.next();
      if (eldest.getKey().equals(key)) {
        continue;
      }
      it.remove();
      bytes -= eldest.getValue().bytes();
      eldest.getValue().release();
      evictions++;
    }
  }

  /** Drops every entry (arrays still in use by an evaluation stay alive until it finishes). */
  synchronized void clear() {
    for (Value v : map.values()) {
      v.release();
    }
    map.clear();
    bytes = 0;
  }

  synchronized CacheStats stats() {
    return new CacheStats(hits, misses, evictions, map.size(), bytes, budget);
  }
}
