package dev.circuits.core.match;

import static dev.circuits.core.match.Fixtures.scalar;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.circuits.core.Circuit;
import dev.circuits.core.Einsum;
import dev.circuits.core.Kind;
import dev.circuits.core.Scalar;
import dev.circuits.core.Shape;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Ports of {@code test_batch} and {@code test_expander_assert_any_found}. */
class ExpanderTest {
  private static final UnaryOperator<Circuit> BATCH = x -> Scalar.of(((Scalar) x).value(),
      Shape.of(5).concat(x.shape()), x.name());
  private final Fixtures.Added f = new Fixtures.Added();

  /** Renumbers einsum ints in order of first appearance (rust's normalize_ints). */
  private static int[][] normalizedAxes(Einsum e) {
    Map<Integer, Integer> ids = new HashMap<>();
    int[][] out = new int[e.numChildren() + 1][];
    for (int i = 0; i <= e.numChildren(); i++) {
      int[] axes = i < e.numChildren() ? e.inAxes(i) : e.outAxes();
      out[i] = new int[axes.length];
      for (int j = 0; j < axes.length; j++) {
        out[i][j] = ids.computeIfAbsent(axes[j], k -> ids.size());
      }
    }
    return out;
  }

  private void assertBatchedEinsum(Circuit batched, String einName) {
    Einsum ein = (Einsum) Matcher.ofKind(Kind.EINSUM).getUnique(batched);
    assertArrayEquals(new int[][] {{0, 1, 2}, {0, 2, 3}, {0, 1, 3}}, normalizedAxes(ein));
    assertEquals(einName, ein.name());
  }

  @Test
  void batch() {
    Shape expected = Shape.of(5).concat(f.fin.shape());
    Circuit batched = Expander.of(Matcher.circuits(f.a), BATCH).expand(f.fin);
    assertEquals(expected, batched.shape());
    assertEquals("fin", batched.name());

    batched = Expander.of(Matcher.circuits(f.a, f.b), BATCH).expand(f.fin);
    assertEquals(expected, batched.shape());
    assertEquals("fin", batched.name());
    assertBatchedEinsum(batched, "ein");

    batched = Expander.builder().replace(Matcher.circuits(f.a), BATCH)
        .replace(Matcher.circuits(f.b), BATCH).build().expand(f.fin);
    assertEquals(expected, batched.shape());
    assertBatchedEinsum(batched, "ein");

    batched = Expander.builder().replace(Matcher.circuits(f.a), BATCH)
        .replace(Matcher.circuits(f.b), BATCH).suffix("batch_suffix").build().expand(f.fin);
    assertEquals(expected, batched.shape());
    assertEquals("fin_batch_suffix", batched.name());
    assertBatchedEinsum(batched, "ein_batch_suffix");
    assertEquals(Shape.of(5, 1, 3), Matcher.named("soft_batch_suffix").getUnique(batched).shape());
  }

  @Test
  void assertAnyFound() {
    Scalar a = scalar(1.0, "a", 3, 2);
    UnaryOperator<Circuit> toZero = x -> Scalar.of(0.0, Shape.of(5, 3, 2), "zero");
    Expander ea = Expander.builder().replace(Matcher.named("a"), toZero).assertAnyFound(true)
        .build();
    Expander eab = Expander.builder().replace(Matcher.namedAnyOf("a", "b"), toZero)
        .assertAnyFound(true).build();
    Expander eaThenB = Expander.builder().replace(Matcher.named("a"), toZero)
        .replace(Matcher.named("b"), toZero).assertAnyFound(true).build();
    Expander ebLax = Expander.of(Matcher.named("b"), toZero);
    Expander ebStrict = Expander.builder().replace(Matcher.named("b"), toZero)
        .assertAnyFound(true).build();
    for (int round = 0; round < 2; round++) {
      assertEquals(toZero.apply(a), ea.expand(a));
      assertEquals(toZero.apply(a), eab.expand(a));
      assertEquals(toZero.apply(a), eaThenB.expand(a));
      assertSame(a, ebLax.expand(a));
      MatchException e = assertThrows(MatchException.class, () -> ebStrict.expand(a));
      assertEquals(MatchException.Reason.NO_MATCHES_FOUND, e.reason());
      assertEquals("No matches found during expand", e.getMessage().lines().findFirst().get());
      assertThrows(MatchException.class, () -> ebLax.expand(a, false, true));
    }
  }

  @Test
  void firstRuleWinsUnlessBanned() {
    UnaryOperator<Circuit> one = x -> x.rename("one");
    UnaryOperator<Circuit> two = x -> x.rename("two");
    Expander.Builder b = Expander.builder().replace(Matcher.named("a"), one)
        .replace(Matcher.ofKind(Kind.SCALAR), two);
    Circuit out = b.build().expand(f.fin);
    assertEquals(1, Matcher.named("one").get(out).size());
    assertEquals(1, Matcher.named("two").get(out).size());
    MatchException e = assertThrows(MatchException.class,
        () -> b.banMultipleMatchesOnNode(true).build().expand(f.fin));
    assertEquals(MatchException.Reason.MULTIPLE_MATCHES, e.reason());
  }

  @Test
  void matchedSubtreesAreNotExplored() {
    // 'ein' is replaced; the rule for its child 'a' never sees it below the replacement
    Circuit out = Expander.builder().replace(Matcher.named("ein"), x -> x.rename("E"))
        .replace(Matcher.named("a"), x -> x.rename("A")).build().expand(f.fin);
    assertEquals(0, Matcher.named("A").get(out).size());
    assertEquals(1, Matcher.named("E").get(out).size());
  }
}
