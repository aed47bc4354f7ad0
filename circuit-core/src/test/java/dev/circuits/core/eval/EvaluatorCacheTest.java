package dev.circuits.core.eval;

import static dev.circuits.core.eval.Tensors.assertValues;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.circuits.core.Array;
import dev.circuits.core.Circuit;
import dev.circuits.core.GeneralFunction;
import dev.circuits.core.Shape;
import dev.circuits.core.spec.SimpleFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Memoisation across calls, LRU eviction by bytes, sharing, ownership and thread safety. */
class EvaluatorCacheTest {
  private static Array randn(long seed, long... shape) {
    return Array.randn(Shape.of(shape), seed, DataType.DOUBLE, null);
  }

  /** A subtree with a few GEMMs. */
  private static Circuit bigSubtree() {
    Circuit a = randn(1, 32, 32);
    Circuit b = randn(2, 32, 32);
    return GeneralFunction.of(SimpleFunction.TANH, a.einsum("ab,bc->ac", b), null)
        .einsum("ab,bc->ac", a);
  }

  @Test
  void laterCallReusesSharedSubtree() {
    Evaluator ev = Evaluator.builder().float64().build();
    Circuit shared = bigSubtree();
    ev.evaluate(shared.add(randn(3, 32)));
    CacheStats before = ev.cacheStats();
    INDArray second = ev.evaluate(shared.add(randn(4, 32)));
    CacheStats after = ev.cacheStats();
    assertEquals(1, after.hits() - before.hits(), "the shared subtree is one cache hit");
    assertEquals(2, after.misses() - before.misses(), "only the new Add and leaf are computed");
    INDArray direct = Evaluator.builder().float64().build()
        .evaluate(shared.add(randn(4, 32)));
    assertTrue(direct.equalsWithEps(second, 0));
  }

  @Test
  void evictsLeastRecentlyUsedUnderTinyBudget() {
    long budget = 2 * 32 * 32 * 8; // three 32x32 results are computed
    Evaluator ev = Evaluator.builder().float64().memoryBudgetBytes(budget).build();
    INDArray got = ev.evaluate(bigSubtree());
    CacheStats s = ev.cacheStats();
    assertTrue(s.evictions() > 0, s.toString());
    assertTrue(s.bytes() <= budget, s.toString());
    INDArray fresh = Evaluator.builder().float64().memoryBudgetBytes(0).build()
        .evaluate(bigSubtree());
    assertTrue(fresh.equalsWithEps(got, 0));
  }

  @Test
  void evaluateManyComputesSharedNodesOnce() {
    Evaluator ev = Evaluator.builder().float64().build();
    Circuit shared = bigSubtree();
    Circuit r1 = GeneralFunction.of(SimpleFunction.SIGMOID, shared, null);
    Circuit r2 = shared.sum(0);
    int distinct = 0;
    java.util.Set<dev.circuits.core.HashKey> seen = new java.util.HashSet<>();
    for (Circuit root : List.of(r1, r2)) {
      for (Circuit n : root.postOrder()) {
        if (seen.add(dev.circuits.core.HashKey.of(n))) {
          distinct++;
        }
      }
    }
    List<INDArray> out = ev.evaluateMany(List.of(r1, r2, r1));
    assertEquals(distinct, ev.cacheStats().misses());
    assertEquals(0, ev.cacheStats().hits());
    assertTrue(out.get(0).equalsWithEps(out.get(2), 0));
    assertNotSame(out.get(0), out.get(2));
  }

  @Test
  void returnedArraysDoNotAliasTheCacheOrTheCircuit() {
    Evaluator ev = Evaluator.builder().float64().build();
    Array leaf = randn(5, 3);
    double original = leaf.value().getDouble(0);
    ev.evaluate(leaf).putScalar(0, 1e6);
    assertEquals(original, leaf.value().getDouble(0));
    Circuit c = leaf.mulScalar(2);
    ev.evaluate(c).putScalar(0, 1e6);
    assertEquals(2 * original, ev.evaluate(c).getDouble(0), 1e-12);
  }

  @Test
  void uncachedResultIsHandedOverAndClearCacheEmpties() {
    Evaluator none = Evaluator.builder().float64().memoryBudgetBytes(0).build();
    INDArray out = none.evaluate(bigSubtree());
    assertEquals(0, none.cacheStats().entries());
    out.close(); // the caller owns it
    Evaluator ev = Evaluator.builder().float64().build();
    ev.evaluate(bigSubtree());
    assertTrue(ev.cacheStats().entries() > 0);
    ev.clearCache();
    assertEquals(0, ev.cacheStats().entries());
    assertEquals(0, ev.cacheStats().bytes());
    assertValues(new long[] {}, new double[] {6}, ev.evaluate(Array.of(
        org.nd4j.linalg.factory.Nd4j.scalar(3.0), null).mulScalar(2)), 0);
  }

  @Test
  void concurrentEvaluationsShareTheCacheSafely() throws Exception {
    Evaluator ev = Evaluator.builder().float64().memoryBudgetBytes(64 * 1024).build();
    Circuit shared = bigSubtree();
    INDArray expected = Evaluator.builder().float64().build().evaluate(shared.sum(1));
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int seed = t;
        results.add(pool.submit(() -> {
          for (int i = 0; i < 10; i++) {
            ev.evaluate(shared.add(randn(100 + seed * 10 + i, 32)));
            if (!ev.evaluate(shared.sum(1)).equalsWithEps(expected, 1e-12)) {
              return false;
            }
          }
          return true;
        }));
      }
      for (Future<Boolean> f : results) {
        assertTrue(f.get(60, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void deepCircuitsDoNotOverflowTheStack() throws Exception {
    Circuit c = Array.of(org.nd4j.linalg.factory.Nd4j.scalar(0.0), null);
    Circuit one = Array.of(org.nd4j.linalg.factory.Nd4j.scalar(1.0), null);
    int depth = 5000;
    for (int i = 0; i < depth; i++) {
      c = i % 2 == 0 ? c.add(one) : dev.circuits.core.Tag.newWithRandomUuid(c, null);
    }
    Circuit root = c;
    double[] result = new double[1];
    Throwable[] failure = new Throwable[1];
    Thread t = new Thread(null, () -> {
      try {
        result[0] = Evaluator.builder().float64().build().evaluate(root).getDouble(0);
      } catch (Throwable e) {
        failure[0] = e;
      }
    }, "small-stack", 256 * 1024);
    t.start();
    t.join();
    if (failure[0] != null) {
      throw new AssertionError(failure[0]);
    }
    assertEquals(depth / 2, result[0]);
  }
}
