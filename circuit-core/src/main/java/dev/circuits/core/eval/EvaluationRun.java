package dev.circuits.core.eval;

import dev.circuits.core.Circuit;
import dev.circuits.core.HashKey;
import dev.circuits.core.Traversals;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One evaluation of a set of roots: an iterative walk finds the nodes the cache cannot answer,
 * then they are computed children first; each intermediate is released as soon as its last
 * consumer has run (the cache may keep it longer).
 */
final class EvaluationRun {
  private final EvaluationCache cache;
  private final NodeComputer computer;
  private final Map<HashKey, Value> live = new HashMap<>();
  private final Map<HashKey, Integer> uses = new HashMap<>();
  private final List<Circuit> toCompute = new ArrayList<>();

  EvaluationRun(EvaluationCache cache, NodeComputer computer) {
    this.cache = cache;
    this.computer = computer;
  }

  /** The roots' values, each owned by the caller (a copy unless nothing else holds it). */
  List<INDArray> run(List<Circuit> roots) {
    try {
      plan(roots);
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
    List<HashKey> childKeys = new ArrayList<>(c.numChildren());
    List<Value> inputs = new ArrayList<>(c.numChildren());
    for (Circuit child : c.children()) {
      HashKey k = HashKey.of(child);
      childKeys.add(k);
      inputs.add(live.get(k));
    }
    HashKey key = HashKey.of(c);
    Value v = computer.compute(c, inputs);
    live.put(key, v);
    cache.offer(key, v);
    for (HashKey k : childKeys) {
      consume(k);
    }
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
