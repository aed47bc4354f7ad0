package dev.circuits.core.rewrite;

import static dev.circuits.core.rewrite.Equivalence.assertEquivalent;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.circuits.core.Array;
import dev.circuits.core.Circuit;
import dev.circuits.core.Rearrange;
import dev.circuits.core.Shape;
import dev.circuits.core.spec.RearrangeSpec;
import dev.circuits.core.testing.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** RearrangeSpecs.canonicalize / fuse: rust_circuit's doc examples and random compositions. */
class RearrangeSpecsTest {
  @Test
  void canonicalizeDropsSizeOneInts() {
    RearrangeSpec spec = RearrangeSpec.of(new int[][] {{0, 1}, {2, 3}}, new int[][] {{3, 2, 1, 0}},
        new long[] {3, 1, 1, 1});
    RearrangeSpec expected = RearrangeSpec.of(new int[][] {{0}, {}}, new int[][] {{0}},
        new long[] {3});
    assertEquals(expected, RearrangeSpecs.canonicalize(spec, true));
  }

  @Test
  void canonicalizeMergesIntsThatAlwaysTravelTogether() {
    RearrangeSpec spec = RearrangeSpec.of(new int[][] {{0}, {1, 2}, {3, 4, 5}},
        new int[][] {{1, 2}, {5}, {3, 4}, {0}}, new long[] {2, 2, 2, 2, 2, 2});
    RearrangeSpec expected = RearrangeSpec.of(new int[][] {{0}, {1}, {2, 3}},
        new int[][] {{1}, {3}, {2}, {0}}, new long[] {2, 4, 4, 2});
    assertEquals(expected, RearrangeSpecs.canonicalize(spec, true));
    assertEquals("a:2 b:4 (c:4 d:2) -> b:4 d:2 c:4 a:2",
        RearrangeSpecs.canonicalize(spec, true).toString());
  }

  @Test
  void canonicalizeRenumbersByFirstAppearance() {
    RearrangeSpec spec = RearrangeSpec.parse("b a -> a b");
    assertEquals("a b -> b a", RearrangeSpecs.canonicalize(spec, false).toString());
  }

  @Test
  void fuseDocExample() {
    RearrangeSpec inner = RearrangeSpec.of(new int[][] {{0}, {1}}, new int[][] {{0, 1}},
        new long[] {2, 3});
    RearrangeSpec outer = RearrangeSpec.of(new int[][] {{0}}, new int[][] {{0}, {1}},
        new long[] {6, 4});
    RearrangeSpec fused = RearrangeSpec.of(new int[][] {{0}, {1}}, new int[][] {{0, 1}, {2}},
        new long[] {2, 3, 4});
    assertEquals(Optional.of(fused), RearrangeSpecs.fuse(inner, outer));
  }

  @Test
  void fuseOfMergeThenTransposedSplitIsAPermutation() {
    RearrangeSpec inner = RearrangeSpec.parse("a:2 b:3 -> (a b)");
    RearrangeSpec outer = RearrangeSpec.parse("(a:2 b:3) -> b a");
    RearrangeSpec fused = RearrangeSpecs.fuse(inner, outer).orElseThrow();
    assertEquals("a:2 b:3 -> b:3 a:2", fused.toString());
    assertTrue(RearrangeSpecs.isPermute(fused));
    assertArrayEquals(new int[] {1, 0}, RearrangeSpecs.forwardPermutation(fused).orElseThrow());
  }

  @Test
  void fuseFailsWhenSplitBoundariesDiffer() {
    RearrangeSpec inner = RearrangeSpec.parse("a:2 b:3 -> (a b)");
    RearrangeSpec outer = RearrangeSpec.parse("(a:3 b:2) -> a b");
    assertEquals(Optional.empty(), RearrangeSpecs.fuse(inner, outer));
  }

  @Test
  void randomRearrangeChainsFuseToTheSameValue() {
    int[] fused = {0};
    Seeds.forEach(300, seed -> {
      Random r = new Random(seed);
      Shape s = Shape.of(1 + r.nextInt(3), 1 + r.nextInt(3), 1 + r.nextInt(3));
      Circuit x = Array.randn(s, seed, DataType.DOUBLE, "x");
      Rearrange inner = Rearrange.of(x, randomSpec(r, s), "inner");
      Rearrange outer = Rearrange.of(inner, randomSpec(r, inner.shape()), "outer");
      Optional<Circuit> out = SimpRules.rule("rearrange_fuse").applyOp(outer);
      if (out.isPresent()) {
        fused[0]++;
        assertEquivalent(outer, out.get(), "rearrange_fuse " + inner.spec() + " then "
            + outer.spec());
        assertEquals("outer", out.get().name());
      }
    });
    assertTrue(fused[0] > 200, "fused only " + fused[0] + " of 300");
  }

  /** A random valid spec for {@code s}: permute, merge, split, repeat or squeeze/unsqueeze. */
  static RearrangeSpec randomSpec(Random r, Shape s) {
    int rank = s.rank();
    List<int[]> out = new ArrayList<>();
    long[] sizes = new long[rank + 2];
    java.util.Arrays.fill(sizes, RearrangeSpec.NONE);
    int[][] in = new int[rank][];
    for (int i = 0; i < rank; i++) {
      in[i] = new int[] {i};
      sizes[i] = s.get(i);
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < rank; i++) {
      order.add(i);
    }
    java.util.Collections.shuffle(order, r);
    int kind = rank == 0 ? 3 : r.nextInt(4);
    if (kind == 1 && rank >= 2) {
      out.add(new int[] {order.get(0), order.get(1)});
      for (int i = 2; i < rank; i++) {
        out.add(new int[] {order.get(i)});
      }
    } else if (kind == 2) {
      int a = order.get(0);
      long f = 1;
      for (long d = 1; d <= s.get(a); d++) {
        if (s.get(a) % d == 0 && r.nextBoolean()) {
          f = d;
        }
      }
      in[a] = new int[] {a, rank};
      sizes[rank] = s.get(a) / f;
      sizes[a] = f;
      for (int i : order) {
        out.add(new int[] {i});
        if (i == a) {
          out.add(new int[] {rank});
        }
      }
    } else {
      for (int i : order) {
        out.add(new int[] {i});
      }
      if (kind == 3) {
        sizes[rank + 1] = 1 + r.nextInt(3);
        out.add(r.nextInt(out.size() + 1), new int[] {rank + 1});
      }
    }
    return RearrangeSpec.of(in, out.toArray(new int[0][]), sizes);
  }
}
