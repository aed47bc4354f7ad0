package dev.circuits.core.rewrite;

import static dev.circuits.core.rewrite.Equivalence.assertEquivalent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.circuits.core.Add;
import dev.circuits.core.Circuit;
import dev.circuits.core.Einsum;
import dev.circuits.core.Index;
import dev.circuits.core.Shape;
import dev.circuits.core.match.IterativeMatcher;
import dev.circuits.core.spec.TensorIndex;
import dev.circuits.core.testing.RandomCircuits;
import dev.circuits.core.testing.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** Every equality-preserving rewrite keeps shape and float64 value on seeded random circuits. */
class RewritePropertyTest {
  private static final int SEEDS = 120;

  private static Circuit circuit(long seed) {
    return new RandomCircuits(seed).next();
  }

  private static Circuit ranked(long seed) {
    RandomCircuits rc = new RandomCircuits(seed);
    return rc.next(rc.randomShape(1, 3));
  }

  @Test
  void deepSimpWithDefaultsPreservesValue() {
    Seeds.forEach(SEEDS, seed -> {
      Circuit c = circuit(seed);
      assertEquivalent(c, SimpRules.defaults().simp(c), "simp(defaults)");
    });
  }

  @Test
  void deepSimpWithAllRulesPreservesValue() {
    Seeds.forEach(SEEDS, seed -> {
      Circuit c = circuit(1000 + seed);
      Circuit s = SimpRules.all().simp(c);
      assertEquivalent(c, s, "simp(all)");
      assertEquivalent(c, SimpRules.compilerDefaults().simp(c), "simp(compiler defaults)");
      assertEquals(s, SimpRules.all().simp(s), "simp is a fixed point");
    });
  }

  @Test
  void everyRulePreservesValueWhereItApplies() {
    int[] applied = new int[SimpRules.catalog().size()];
    Seeds.forEach(SEEDS * 2, seed -> {
      for (Circuit n : circuit(2000 + seed).postOrder()) {
        if (!n.isExplicitlyComputable()) {
          continue;
        }
        List<SimpRule> rules = SimpRules.catalog();
        for (int i = 0; i < rules.size(); i++) {
          SimpRule r = rules.get(i);
          Optional<Circuit> out = r.applyOp(n);
          if (out.isPresent()) {
            applied[i]++;
            assertEquivalent(n, out.get(), r.name());
          } else {
            RewriteNotApplicableException e = assertThrows(RewriteNotApplicableException.class,
                () -> r.apply(n));
            assertTrue(e.getMessage().startsWith(r.name() + ": "), e.getMessage());
          }
        }
      }
    });
    long fired = java.util.Arrays.stream(applied).filter(x -> x > 0).count();
    assertTrue(fired >= 20, "only " + fired + " rules ever applied: "
        + java.util.Arrays.toString(applied));
  }

  @Test
  void everyRuleFiresOnPatternsAndPreservesValue() {
    List<SimpRule> rules = SimpRules.catalog();
    int[] applied = new int[rules.size()];
    Seeds.forEach(SEEDS / 2, seed -> {
      for (Circuit p : RewritePatterns.of(12000 + seed)) {
        for (int i = 0; i < rules.size(); i++) {
          int k = i;
          rules.get(i).applyOp(p).ifPresent(o -> {
            applied[k]++;
            assertEquivalent(p, o, rules.get(k).name());
          });
        }
        assertEquivalent(p, SimpRules.all().simp(p), "simp(all) on a pattern");
        assertEquivalent(p, SimpRules.defaults().simp(p), "simp(defaults) on a pattern");
      }
    });
    for (int i = 0; i < rules.size(); i++) {
      assertTrue(applied[i] > 0, rules.get(i).name() + " never applied");
    }
  }

  @Test
  void pushDownIndexPreservesValue() {
    int[] pushed = {0};
    Seeds.forEach(SEEDS * 2, seed -> {
      Random r = new Random(seed);
      Circuit c = ranked(3000 + seed);
      Index idx = Index.of(c, RandomIndex.of(r, c.shape()), null);
      try {
        Circuit out = PushDownIndex.pushDownIndex(idx, PushDownIndex.defaultTraversal(), null,
            true, true);
        pushed[0]++;
        assertEquivalent(idx, out, "push_down_index " + idx.index());
      } catch (RewriteNotApplicableException e) {
        assertTrue(e.getMessage().startsWith("push_down_index: "));
      }
      for (Circuit n : c.postOrder()) {
        if (n instanceof Index x && n.isExplicitlyComputable()) {
          PushDownIndex.pushDownIndexOp(x).ifPresent(o -> assertEquivalent(x, o,
              "push_down_index_once " + x.index()));
        }
      }
    });
    assertTrue(pushed[0] > SEEDS, "pushed only " + pushed[0]);
  }

  @Test
  void strictPushDownIndexPreservesValueWhenItSucceeds() {
    Seeds.forEach(SEEDS, seed -> {
      Random r = new Random(seed);
      Circuit c = ranked(4000 + seed);
      Index idx = Index.of(c, RandomIndex.of(r, c.shape()), "top");
      try {
        assertEquivalent(idx, PushDownIndex.pushDownIndex(idx), "push_down_index strict");
      } catch (RewriteNotApplicableException e) {
        assertTrue(e.getMessage().startsWith("push_down_index: "));
      }
    });
  }

  @Test
  void splitToConcatPreservesValue() {
    Seeds.forEach(SEEDS, seed -> {
      Random r = new Random(seed);
      Circuit c = ranked(5000 + seed);
      int axis = r.nextInt(c.rank());
      long[] sections = randomSections(r, c.shape().get(axis));
      assertEquivalent(c, SplitToConcat.splitToConcat(c, axis, sections), "split_to_concat");
      assertEquivalent(c, SplitToConcat.splitToConcat(c, axis, sections,
          p -> optional(() -> PushDownIndex.pushDownIndex((Index) p,
              PushDownIndex.defaultTraversal(), "s", true, true)).orElse(p)),
          "split_to_concat + push_down_index");
    });
  }

  static long[] randomSections(Random r, long total) {
    List<Long> out = new ArrayList<>();
    long left = total;
    while (left > 0) {
      long s = 1 + r.nextInt((int) left);
      out.add(s);
      left -= s;
    }
    if (out.isEmpty()) {
      out.add(0L);
    }
    return out.stream().mapToLong(Long::longValue).toArray();
  }

  @Test
  void distributePreservesValue() {
    Seeds.forEach(SEEDS, seed -> {
      RandomCircuits rc = new RandomCircuits(6000 + seed).maxDepth(2);
      Random r = new Random(seed);
      Shape s = rc.randomShape(0, 2);
      Shape sub = s.drop(r.nextInt(s.rank() + 1));
      Add inner = Add.of(rc.next(s), rc.next(sub), Add.of(rc.next(s), rc.next(s)));
      Circuit other = rc.next(s);
      int[] axes = java.util.stream.IntStream.range(0, s.rank()).toArray();
      Einsum e = Einsum.of(List.of(new Einsum.Arg(other, axes), new Einsum.Arg(inner, axes)),
          axes, "prod");
      assertEquivalent(e, Distribute.distribute(e, 1), "distribute depth 1");
      assertEquivalent(e, Distribute.distribute(e, 1, IterativeMatcher.noopTraversal(), "p.",
          null, true, true), "distribute everything");
    });
  }

  @Test
  void flattenPreservesValue() {
    Seeds.forEach(SEEDS, seed -> {
      for (Circuit n : circuit(7000 + seed).postOrder()) {
        if (!n.isExplicitlyComputable()) {
          continue;
        }
        if (n instanceof Add a) {
          optional(() -> Flatten.addFlatten(a)).ifPresent(o -> assertEquivalent(a, o,
              "add_flatten"));
        } else if (n instanceof Einsum e) {
          optional(() -> Flatten.einsumFlatten(e)).ifPresent(o -> assertEquivalent(e, o,
              "einsum_flatten"));
        }
      }
    });
  }

  private static Optional<Circuit> optional(java.util.function.Supplier<Circuit> rewrite) {
    try {
      return Optional.of(rewrite.get());
    } catch (RewriteNotApplicableException e) {
      return Optional.empty();
    }
  }

  @Test
  void deepCanonicalizePreservesValueAndIsIdempotent() {
    Seeds.forEach(SEEDS, seed -> {
      Circuit c = circuit(8000 + seed);
      Circuit canon = Canonicalize.deepCanonicalize(c);
      assertEquivalent(c, canon, "deep_canonicalize");
      assertEquals(canon, Canonicalize.deepCanonicalize(canon),
          () -> "not idempotent:\n" + Equivalence.text(canon));
      Circuit normal = Canonicalize.deepNormalize(c);
      assertEquivalent(c, normal, "deep_normalize");
      assertEquals(normal, Canonicalize.deepNormalize(normal));
    });
  }

  @Test
  void stripNamesAndTagsPreservesValue() {
    Seeds.forEach(SEEDS, seed -> {
      Circuit c = circuit(9000 + seed);
      Circuit s = StripNames.stripNamesAndTags(c);
      assertEquivalent(c, s, "strip_names_and_tags");
      for (Circuit n : s.postOrder()) {
        assertTrue(!n.isNamed() || n.kind() == dev.circuits.core.Kind.ARRAY
            || n.kind() == dev.circuits.core.Kind.SYMBOL, () -> n + " kept its name");
      }
    });
  }

  @Test
  void moduleRewritesPreserveValue() {
    Seeds.forEach(SEEDS, seed -> {
      Circuit c = circuit(10000 + seed);
      assertEquivalent(c, ModuleRewrites.substituteAll(c), "substitute_all");
      assertEquivalent(c, ModuleRewrites.inlineSingleCallsite(c), "inline_single_callsite");
      assertEquivalent(c, ModuleRewrites.conformAll(c), "conform_all");
    });
  }

  @Test
  void batchToConcatPreservesValue() {
    Seeds.forEach(SEEDS, seed -> {
      Random r = new Random(seed);
      Circuit c = ranked(11000 + seed);
      int axis = r.nextInt(c.rank());
      long size = 1 + r.nextInt(3);
      assertEquivalent(c, BatchToConcat.batchToConcat(c, axis, size), "batch_to_concat");
    });
  }

  /** Random dimwise indices (possibly shorter than the rank). */
  static final class RandomIndex {
    private RandomIndex() {}

    static TensorIndex of(Random r, Shape s) {
      List<TensorIndex.Axis> axes = new ArrayList<>();
      int n = r.nextInt(s.rank() + 1);
      for (int a = 0; a < n; a++) {
        long l = s.get(a);
        int kind = l == 0 ? 3 : r.nextInt(4);
        switch (kind) {
          case 0 -> axes.add(TensorIndex.at(r.nextBoolean() ? r.nextInt((int) l)
              : -1 - r.nextInt((int) l)));
          case 1 -> {
            long[] v = new long[1 + r.nextInt(4)];
            for (int i = 0; i < v.length; i++) {
              v[i] = r.nextInt((int) l);
            }
            axes.add(new TensorIndex.Tensor(Nd4j.createFromArray(v)));
          }
          case 2 -> {
            long start = r.nextInt((int) l + 1);
            long stop = start + r.nextInt((int) (l - start) + 1);
            axes.add(TensorIndex.slice(r.nextBoolean() ? start : start - l,
                r.nextBoolean() || stop == l ? stop : stop - l));
          }
          default -> axes.add(TensorIndex.Slice.ALL);
        }
      }
      return TensorIndex.of(axes);
    }
  }
}
