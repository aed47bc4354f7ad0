package dev.circuits.core.eval;

import dev.circuits.core.Circuit;
import dev.circuits.core.HashKey;
import dev.circuits.core.Kind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds Adds that extend an earlier Add: when the terms of an Add computed earlier in the same
 * run are a sub-multiset of a later Add's terms, the later one is that earlier sum plus the rest.
 * A residual stream written as flat Adds ({@code a1.input = embeds + a0 + m0 + ...}) then costs
 * one addition per layer instead of one per earlier layer.
 */
final class PartialSums {
  /** How far back each bucket is searched: bounds planning time on very wide circuits. */
  private static final int MAX_CANDIDATES = 64;

  /** Compute the Add as {@code prior} plus the terms at {@code restChildren}. */
  record Reuse(HashKey prior, int[] restChildren) {}

  private PartialSums() {}

  /** For each Add in {@code order} (children before parents) that can reuse an earlier one. */
  static Map<HashKey, Reuse> find(List<Circuit> order) {
    Map<HashKey, Reuse> found = new HashMap<>();
    Map<HashKey, Deque<Circuit>> byFirstTerm = new HashMap<>();
    for (Circuit c : order) {
      if (c.kind() != Kind.ADD || c.numChildren() < 2) {
        continue;
      }
      Map<HashKey, Integer> terms = termCounts(c);
      Circuit best = null;
      for (HashKey term : c.numChildren() < 3 ? Set.<HashKey>of() : terms.keySet()) {
        for (Circuit prior : byFirstTerm.getOrDefault(term, new ArrayDeque<>())) {
          if ((best == null || prior.numChildren() > best.numChildren())
              && prior.numChildren() < c.numChildren() && isSubMultiset(prior, terms)) {
            best = prior;
          }
        }
      }
      if (best != null) {
        found.put(HashKey.of(c), new Reuse(HashKey.of(best), rest(c, best)));
      }
      Deque<Circuit> bucket = byFirstTerm.computeIfAbsent(HashKey.of(c.child(0)),
          k -> new ArrayDeque<>());
      bucket.addFirst(c);
      if (bucket.size() > MAX_CANDIDATES) {
        bucket.removeLast();
      }
    }
    return found;
  }

  /** How often each term occurs in {@code add}. */
  static Map<HashKey, Integer> termCounts(Circuit add) {
    Map<HashKey, Integer> counts = new HashMap<>();
    for (Circuit t : add.children()) {
      counts.merge(HashKey.of(t), 1, Integer::sum);
    }
    return counts;
  }

  /** Whether every term of {@code prior} occurs in {@code terms} at least as often. */
  static boolean isSubMultiset(Circuit prior, Map<HashKey, Integer> terms) {
    Map<HashKey, Integer> need = termCounts(prior);
    for (Map.Entry<HashKey, Integer> e : need.entrySet()) {
      if (terms.getOrDefault(e.getKey(), 0) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  /** Positions of {@code c}'s terms left after removing one occurrence of each of prior's. */
  static int[] rest(Circuit c, Circuit prior) {
    Map<HashKey, Integer> covered = termCounts(prior);
    List<Integer> rest = new ArrayList<>();
    for (int i = 0; i < c.numChildren(); i++) {
      HashKey k = HashKey.of(c.child(i));
      int left = covered.getOrDefault(k, 0);
      if (left > 0) {
        covered.put(k, left - 1);
      } else {
        rest.add(i);
      }
    }
    return rest.stream().mapToInt(Integer::intValue).toArray();
  }
}
