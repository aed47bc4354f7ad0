package dev.circuits.core.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.circuits.core.Add;
import dev.circuits.core.Circuit;
import dev.circuits.core.Kind;
import dev.circuits.core.Tag;
import dev.circuits.core.testing.RandomCircuits;
import dev.circuits.core.testing.Seeds;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Properties over seeded random circuits. Each root is {@code Add(c, Tag(c))} so every node of
 * {@code c} is shared and reached at two depths; path-sensitive updates are compared against a
 * reference that treeifies by explicit recursion over paths.
 */
class MatchPropertiesTest {
  private static final int SEEDS = 60;
  private static final UnaryOperator<Circuit> MARK = x -> x.rename("@" + x.name());

  private static Circuit sharedRoot(long seed) {
    Circuit c = new RandomCircuits(seed).maxDepth(4).next();
    return Add.of(List.of(c, Tag.of(c, new UUID(seed, 7), "wrap")), "root");
  }

  /** A node kind present in {@code c} other than Symbol (renaming a bound symbol unbinds it). */
  private static Kind someKind(Circuit c, Random r) {
    List<Kind> kinds = new ArrayList<>();
    for (Circuit n : c.postOrder()) {
      if (n.kind() != Kind.SYMBOL) {
        kinds.add(n.kind());
      }
    }
    return kinds.get(r.nextInt(kinds.size()));
  }

  private static String someName(Circuit c, Random r) {
    List<String> names = new ArrayList<>();
    c.postOrder().forEach(n -> names.add(n.name()));
    names.removeIf(java.util.Objects::isNull);
    return names.get(r.nextInt(names.size()));
  }

  private static Circuit rebuild(Circuit node, List<Circuit> children) {
    return children.equals(node.children()) ? node : node.withChildren(children);
  }

  /** Reference for {@code named(a).chain(ofKind(k))}: found below-or-at a node named a. */
  private static Circuit chainReference(Circuit node, String a, Kind k, boolean seenA,
      boolean mustBeSub) {
    boolean seenHere = seenA || a.equals(node.name());
    List<Circuit> kids = new ArrayList<>();
    for (Circuit ch : node.children()) {
      kids.add(chainReference(ch, a, k, seenHere, mustBeSub));
    }
    Circuit out = rebuild(node, kids);
    boolean found = node.kind() == k && (mustBeSub ? seenA : seenHere);
    return found ? MARK.apply(out) : out;
  }

  /** Reference for {@code restrict(ofKind(k), start, end, termEarlyAt=named(t))} at depth d. */
  private static Circuit restrictReference(Circuit node, Kind k, Integer start, Integer end,
      String t, boolean termIfMatches, int d) {
    boolean found = node.kind() == k && (start == null || d >= start);
    boolean stop = (end != null && d >= end - 1) || t.equals(node.name())
        || (found && termIfMatches);
    List<Circuit> kids = new ArrayList<>();
    for (Circuit ch : node.children()) {
      kids.add(stop ? ch : restrictReference(ch, k, start, end, t, termIfMatches, d + 1));
    }
    Circuit out = rebuild(node, kids);
    return found ? MARK.apply(out) : out;
  }

  @Test
  void alwaysGetsEveryDistinctNodeInPreOrder() {
    Seeds.forEach(SEEDS, seed -> {
      Circuit c = sharedRoot(seed);
      Set<Circuit> got = Matcher.always().get(c);
      assertEquals(Set.copyOf(c.postOrder()), got);
      assertEquals(CircuitManipulation.preOrder(c), List.copyOf(got));
      assertEquals(CircuitManipulation.countNodes(c), got.size());
    });
  }

  @Test
  void chainUpdatesExactlyTheMatchedPaths() {
    Seeds.forEach(SEEDS, seed -> {
      Random r = new Random(seed);
      Circuit c = sharedRoot(seed);
      String a = r.nextBoolean() ? "wrap" : someName(c, r);
      Kind k = someKind(c, r);
      for (boolean sub : new boolean[] {false, true}) {
        IterativeMatcher m = Matcher.named(a).chain(List.of(Matcher.ofKind(k)), sub);
        assertEquals(chainReference(c, a, k, false, sub), m.update(c, MARK),
            () -> "matcher " + m);
      }
    });
  }

  @Test
  void restrictUpdatesExactlyTheMatchedPaths() {
    Seeds.forEach(SEEDS, seed -> {
      Random r = new Random(seed);
      Circuit c = sharedRoot(seed);
      Kind k = someKind(c, r);
      Integer start = r.nextBoolean() ? null : r.nextInt(4);
      Integer end = r.nextBoolean() ? null : r.nextInt(6);
      String t = r.nextBoolean() ? "wrap" : someName(c, r);
      boolean tim = r.nextInt(4) == 0;
      IterativeMatcher m = IterativeMatcher.restrict(Matcher.ofKind(k), tim, start, end,
          Matcher.named(t));
      Circuit expected = end != null && end == 0 ? c
          : restrictReference(c, k, start, end, t, tim, 0);
      assertEquals(expected, m.update(c, MARK), () -> "matcher " + m);
    });
  }

  @Test
  void getAfterRenamingUpdateFindsTheRenamedNodes() {
    Seeds.forEach(SEEDS, seed -> {
      Circuit c = sharedRoot(seed);
      Kind k = someKind(c, new Random(seed));
      Circuit updated = Matcher.ofKind(k).update(c, MARK);
      Set<Circuit> renamed = Matcher.regex("^@", false).get(updated);
      assertEquals(Matcher.ofKind(k).get(updated), renamed);
      assertEquals(Matcher.ofKind(k).get(c).size() > 0, !renamed.isEmpty());
      for (Circuit n : Matcher.ofKind(k).get(c)) {
        assertTrue(renamed.stream().anyMatch(x -> x.name().equals("@" + n.name())));
      }
    });
  }

  @Test
  void neverMatcherReturnsTheSameCircuit() {
    Seeds.forEach(SEEDS, seed -> {
      Circuit c = sharedRoot(seed);
      assertSame(c, Matcher.never().update(c, MARK));
      assertSame(c, IterativeMatcher.traverseUntilDepth(3).and(Matcher.never()).update(c, MARK));
      assertSame(c, Matcher.always().update(c, UnaryOperator.identity()));
    });
  }

  @Test
  void pathsRunFromMatchToRoot() {
    Seeds.forEach(SEEDS, seed -> {
      Circuit c = sharedRoot(seed);
      Kind k = someKind(c, new Random(seed));
      Map<Circuit, List<List<Circuit>>> all = new Getter().getAllPaths(c, Matcher.ofKind(k));
      Map<Circuit, List<Circuit>> one = new Getter().getPaths(c, Matcher.ofKind(k));
      assertEquals(Matcher.ofKind(k).get(c), one.keySet());
      assertEquals(one.keySet(), all.keySet());
      one.forEach((found, path) -> {
        assertTrue(all.get(found).contains(path));
        assertEquals(found, path.get(0));
        assertEquals(c, path.get(path.size() - 1));
        for (int i = 0; i + 1 < path.size(); i++) {
          assertTrue(path.get(i + 1).children().contains(path.get(i)));
        }
      });
    });
  }
}
