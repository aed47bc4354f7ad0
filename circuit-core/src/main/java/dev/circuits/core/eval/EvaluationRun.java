package dev.circuits.core.eval;

import dev.circuits.core.Circuit;
import dev.circuits.core.HashKey;
import dev.circuits.core.Traversals;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One evaluation of a set of roots: an iterative walk finds the nodes the cache cannot answer,
 * then they are computed children first; each intermediate is released as soon as its last
 * consumer has run (the cache may keep it longer). A node may overwrite an input it is the last
 * holder of, and an Add extending an earlier Add starts from that partial sum
 * ({@link PartialSums}).
 */
final class EvaluationRun {
  private final EvaluationCache cache;
  private final NodeComputer computer;
  private final Map<HashKey, Value> live = new HashMap<>();
  private final Map<HashKey, Integer> uses = new HashMap<>();
  private final List<Circuit> toCompute = new ArrayList<>();
  private Map<HashKey, PartialSums.Reuse> partialSums = Map.of();
  private Fusions fusions;
  private Map<HashKey, SiblingEinsums.Group> siblings = Map.of();

  EvaluationRun(EvaluationCache cache, NodeComputer computer) {
    this.cache = cache;
    this.computer = computer;
  }

  /** The roots' values, each owned by the caller (a copy unless nothing else holds it). */
  List<INDArray> run(List<Circuit> roots) {
    try {
      plan(roots);
      partialSums = PartialSums.find(toCompute);
      for (PartialSums.Reuse r : partialSums.values()) {
        uses.merge(r.prior(), 1, Integer::sum);
      }
      fusions = Fusions.find(toCompute, uses, partialSums.keySet(), computer.floatType());
      siblings = SiblingEinsums.find(toCompute, k -> fusions.isAbsorbed(k)
          || fusions.rootedAt(k) != null);
      for (Circuit c : toCompute) {
        computeNode(c);
      }
      List<INDArray> out = new ArrayList<>();
      for (Circuit root : roots) {
        out.add(output(HashKey.of(root)));
      }
      return out;
    } finally {
      for (Value v : live.values()) {
        v.release();
      }
      live.clear();
    }
  }

  int computedNodes() {
    return toCompute.size();
  }

  private void plan(List<Circuit> roots) {
    Set<HashKey> visited = new HashSet<>();
    for (Circuit root : roots) {
      HashKey rk = HashKey.of(root);
      uses.merge(rk, 1, Integer::sum);
      if (visited.add(rk) && !fromCache(rk)) {
        Traversals.walk(root, (parent, child) -> uses.merge(HashKey.of(child), 1, Integer::sum),
            child -> {
              HashKey ck = HashKey.of(child);
              return visited.add(ck) && !fromCache(ck);
            },
            toCompute::add);
      }
    }
  }

  private boolean fromCache(HashKey key) {
    Value v = cache.acquire(key);
    if (v == null) {
      return false;
    }
    live.put(key, v);
    return true;
  }

  private void computeNode(Circuit c) {
    HashKey key = HashKey.of(c);
    if (fusions.isAbsorbed(key) || uses.get(key) == 0) {
      return; // its fusion's root computes it, or its readers were computed with its siblings
    }
    SiblingEinsums.Group group = siblings.get(key);
    if (group != null) {
      if (!live.containsKey(key)) {
        computeSiblings(group);
      }
      return;
    }
    Fusions.Planned fused = fusions.rootedAt(key);
    if (fused != null) {
      computeFused(key, fused);
      return;
    }
    List<HashKey> childKeys = new ArrayList<>(c.numChildren() + 1);
    for (Circuit child : c.children()) {
      childKeys.add(HashKey.of(child));
    }
    List<HashKey> inputKeys = childKeys;
    PartialSums.Reuse reuse = partialSums.get(key);
    if (reuse != null) {
      inputKeys = new ArrayList<>();
      inputKeys.add(reuse.prior());
      for (int i : reuse.restChildren()) {
        inputKeys.add(childKeys.get(i));
      }
      childKeys.add(reuse.prior());
    }
    List<Value> inputs = new ArrayList<>(inputKeys.size());
    for (HashKey k : inputKeys) {
      inputs.add(live.get(k));
    }
    Value v = computer.compute(c, inputs, donations(inputKeys, inputs));
    live.put(key, v);
    cache.offer(key, v);
    for (HashKey k : childKeys) {
      consume(k);
    }
  }

  private void computeFused(HashKey key, Fusions.Planned fused) {
    List<Value> inputs = new ArrayList<>(fused.inputKeys().size());
    for (HashKey k : fused.inputKeys()) {
      inputs.add(live.get(k));
    }
    BitSet donated = new BitSet(inputs.size());
    for (int i = 0; i < inputs.size(); i++) {
      HashKey k = fused.inputKeys().get(i);
      long groupReads = fused.consumed().stream().filter(k::equals).count();
      if (uses.get(k) == groupReads && inputs.get(i).isSoleOwnerOfWholeBuffer()) {
        donated.set(i);
      }
    }
    Value v = computer.computeFused(fused.fusion(), inputs, donated);
    live.put(key, v);
    cache.offer(key, v);
    for (HashKey k : fused.consumed()) {
      consume(k);
    }
  }

  private void computeSiblings(SiblingEinsums.Group group) {
    List<Value> values = computer.computeSiblings(group, live.get(HashKey.of(group.x())));
    for (int i = 0; i < values.size(); i++) {
      Circuit member = group.members().get(i);
      HashKey key = HashKey.of(member);
      live.put(key, values.get(i));
      cache.offer(key, values.get(i));
      for (Circuit child : member.children()) {
        consume(HashKey.of(child));
      }
    }
  }

  /**
   * The inputs whose buffers {@code c} may overwrite: this is their last consumer (a single edge)
   * and no one else (cache, views, the caller) holds their memory.
   */
  private BitSet donations(List<HashKey> inputKeys, List<Value> inputs) {
    BitSet donated = new BitSet(inputs.size());
    for (int i = 0; i < inputs.size(); i++) {
      if (uses.get(inputKeys.get(i)) == 1 && inputs.get(i).isSoleOwnerOfWholeBuffer()) {
        donated.set(i);
      }
    }
    return donated;
  }

  /** One consumer of {@code key} is done; the last one releases the value. */
  private void consume(HashKey key) {
    int left = uses.merge(key, -1, Integer::sum);
    if (left == 0) {
      Value v = live.remove(key);
      if (v != null) {
        v.release();
      }
    }
  }

  private INDArray output(HashKey key) {
    Value v = live.get(key);
    if (uses.get(key) == 1 && v.isSoleOwnerOfWholeBuffer() && v.array().closeable()) {
      live.remove(key);
      uses.put(key, 0);
      return v.array(); // our reference passes to the caller
    }
    INDArray copy = v.array().dup('c');
    consume(key);
    return copy;
  }
}
