package dev.circuits.core.eval;

import dev.circuits.core.Circuit;
import dev.circuits.core.HashKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Plans the fusions of one run: for each node to compute, from the last to the first, the first
 * rule that matches a group rooted there wins, provided every other member is computed in this
 * run and read only by members (so no output, cache entry or other reader misses it).
 */
final class Fusions {
  private static final List<Fusion.Rule> RULES = List.of((root, t) -> LayerNormRule.match(root),
      (root, t) -> BiasGeluRule.match(root), AttentionRule::match);

  /** A fusion accepted for this run, with the edges to consume once its root is computed. */
  record Planned(Fusion fusion, List<HashKey> inputKeys, List<HashKey> consumed) {}

  private final Map<HashKey, Planned> byRoot = new HashMap<>();
  private final Set<HashKey> absorbed = new HashSet<>();

  private Fusions() {}

  /**
   * Fusions for nodes in {@code order} (children first); {@code uses} counts each node's readers
   * (outputs count one more); nodes in {@code ownKernel} are computed on their own.
   */
  static Fusions find(List<Circuit> order, Map<HashKey, Integer> uses, Set<HashKey> ownKernel,
      DataType floatType) {
    Fusions f = new Fusions();
    Set<HashKey> computed = new HashSet<>();
    for (Circuit c : order) {
      computed.add(HashKey.of(c));
    }
    for (int i = order.size() - 1; i >= 0; i--) {
      Circuit root = order.get(i);
      HashKey rk = HashKey.of(root);
      if (f.absorbed.contains(rk) || ownKernel.contains(rk)) {
        continue;
      }
      for (Fusion.Rule rule : RULES) {
        Fusion fusion = rule.match(root, floatType);
        if (fusion != null && f.accept(fusion, uses, ownKernel, computed)) {
          break;
        }
      }
    }
    return f;
  }

  /** The planned fusion rooted at {@code key}, or null. */
  Planned rootedAt(HashKey key) {
    return byRoot.get(key);
  }

  /** Whether {@code key} is computed inside a fusion rather than on its own. */
  boolean isAbsorbed(HashKey key) {
    return absorbed.contains(key);
  }

  private boolean accept(Fusion fusion, Map<HashKey, Integer> uses, Set<HashKey> ownKernel,
      Set<HashKey> computed) {
    HashKey rootKey = HashKey.of(fusion.root());
    Set<HashKey> members = new HashSet<>();
    for (Circuit m : fusion.members()) {
      members.add(HashKey.of(m));
    }
    Map<HashKey, Integer> internalReads = new HashMap<>();
    List<HashKey> consumed = new ArrayList<>();
    for (Circuit m : fusion.members()) {
      for (Circuit child : m.children()) {
        HashKey ck = HashKey.of(child);
        if (members.contains(ck)) {
          internalReads.merge(ck, 1, Integer::sum);
        } else {
          consumed.add(ck);
        }
      }
    }
    for (HashKey m : members) {
      if (!m.equals(rootKey) && (!computed.contains(m) || absorbed.contains(m)
          || byRoot.containsKey(m) || ownKernel.contains(m)
          || !uses.get(m).equals(internalReads.getOrDefault(m, 0)))) {
        return false;
      }
    }
    List<HashKey> inputKeys = new ArrayList<>();
    for (Circuit in : fusion.inputs()) {
      inputKeys.add(HashKey.of(in));
    }
    members.remove(rootKey);
    absorbed.addAll(members);
    byRoot.put(rootKey, new Planned(fusion, inputKeys, consumed));
    return true;
  }
}
