package dev.circuits.core.match;

import static dev.circuits.core.match.Fixtures.scalar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.circuits.core.Add;
import dev.circuits.core.Circuit;
import dev.circuits.core.Einsum;
import dev.circuits.core.GeneralFunction;
import dev.circuits.core.Kind;
import dev.circuits.core.Scalar;
import dev.circuits.core.Shape;
import dev.circuits.core.spec.SimpleFunction;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Ports of the updater tests of {@code test_rust_get_update.py}, plus path sensitivity and helpers. */
class UpdaterTest {
  private static final UnaryOperator<Circuit> TO_ZERO = x -> Scalar.of(0.0, x.shape(), "zero");
  private final Fixtures.Added f = new Fixtures.Added();

  @Test
  void updateBranching() {
    Scalar bPrime = scalar(1.7, "b_prime", 2, 3);
    Einsum einP = Einsum.fromString("ij,jk->ik", List.of(f.a, bPrime), "ein");
    GeneralFunction softP = GeneralFunction.of(SimpleFunction.SOFTMAX, einP, "soft");
    Add everywhere = Add.of(List.of(einP, softP), "fin");
    assertEquals(everywhere, Matcher.circuits(f.b).update(f.fin, x -> bPrime));
    assertEquals(everywhere, new Updater(x -> bPrime).update(f.fin, Matcher.circuits(f.b)));
    assertEquals(everywhere,
        CircuitManipulation.update(f.fin, Matcher.circuits(f.b), x -> bPrime));

    // path-sensitive: only the copy of ein below soft is rewritten; the direct child stays
    Add onlyUnderSoft = Add.of(List.of(f.ein, softP), "fin");
    Circuit updated = Matcher.named("soft").chain(Matcher.named("b")).update(f.fin, x -> bPrime);
    assertEquals(onlyUnderSoft, updated);
    assertSame(f.ein, updated.child(0), "the unmatched path keeps the shared node itself");
  }

  @Test
  void transformIdentity() {
    assertSame(f.fin, Matcher.always().update(f.fin, UnaryOperator.identity()));
  }

  @Test
  void perChildUpdates() {
    IterativeMatcher crossed = IterativeMatcher.newFunc(x -> new IterateMatchResults(
        Updated.perChild(List.of(Optional.of(Matcher.named("b")),
            Optional.of(Matcher.named("a")))), false));
    Scalar big = scalar(34.0, "!@*(#&$", 3, 7);
    Circuit first = Einsum.fromString("ij,jk->ik",
        List.of(Add.of(List.of(f.b, f.a.sum()), "add@#$"), big), "ein");
    assertEquals(Einsum.fromString("ij,jk->ik", List.of(Add.of(List.of(TO_ZERO.apply(f.b),
        f.a.sum()), "add@#$"), big), "ein"),
        new Updater(TO_ZERO, UpdateOptions.defaults().withFancyValidate(true))
            .update(first, crossed));
    Circuit second = Einsum.fromString("jk,ij->ik",
        List.of(big, Add.of(List.of(f.b, Einsum.sumOver(f.a, new int[] {0, 1}, "sum")), "hi")),
        "ein");
    assertEquals(Einsum.fromString("jk,ij->ik", List.of(big, Add.of(List.of(f.b,
        Einsum.sumOver(TO_ZERO.apply(f.a), new int[] {0, 1}, "sum")), "hi")), "ein"),
        new Updater(TO_ZERO).update(second, crossed, true, false));
  }

  @Test
  void assertAnyFound() {
    Scalar a = scalar(1.0, "a", 1, 2);
    UpdateOptions strict = UpdateOptions.defaults().withAssertAnyFound(true);
    for (int round = 0; round < 2; round++) {
      assertEquals(TO_ZERO.apply(a), CircuitManipulation.update(a, Matcher.named("a"), TO_ZERO,
          strict));
      assertEquals(TO_ZERO.apply(a), CircuitManipulation.update(a, Matcher.namedAnyOf("a", "b"),
          TO_ZERO, strict));
      assertSame(a, Matcher.named("b").update(a, TO_ZERO));
      MatchException e = assertThrows(MatchException.class,
          () -> CircuitManipulation.update(a, Matcher.named("b"), TO_ZERO, strict));
      assertEquals(MatchException.Reason.NO_MATCHES_FOUND, e.reason());
      assertTrue(e.getMessage().startsWith("No matches found during update"));
      Updater lax = new Updater(TO_ZERO);
      assertEquals(TO_ZERO.apply(a), lax.update(a, Matcher.named("a"), false, true));
      assertSame(a, lax.update(a, Matcher.named("b")));
      assertThrows(MatchException.class, () -> lax.update(a, Matcher.named("b"), false, true));
      Updater strictUpdater = new Updater(TO_ZERO, strict);
      assertSame(a, strictUpdater.update(a, Matcher.named("b"), false, false));
      assertThrows(MatchException.class, () -> strictUpdater.update(a, Matcher.named("b")));
    }
  }

  @Test
  void parentRejectingAChildNamesBoth() {
    MatchException e = assertThrows(MatchException.class,
        () -> Matcher.named("b").update(f.fin, x -> scalar(1, "wide", 5, 5)));
    assertEquals(MatchException.Reason.REBUILD_FAILED, e.reason());
    assertTrue(e.getMessage().contains("parent 'ein' Einsum"), e.getMessage());
    assertTrue(e.getMessage().contains("child 1: 'b' Scalar [2,3] -> 'wide' Scalar [5,5]"),
        e.getMessage());
    // a shape change the parent accepts (broadcasting) is fine
    Add sum = Add.of(List.of(scalar(1, "x", 3), scalar(2, "y", 3)), "s");
    Circuit out = Matcher.named("x").update(sum, x -> scalar(1, "x1", 1));
    assertEquals(Shape.of(3), out.shape());
    assertEquals(Set.of(scalar(1, "x1", 1)), Matcher.named("x1").get(out));
  }

  @Test
  void transformCacheIsByHash() {
    Scalar shared = scalar(1, "shared", 2);
    Add inner = Add.of(List.of(shared), "inner");
    Add root = Add.of(List.of(shared, inner), "root");
    // two different matcher states find the same node: the transform runs once when cached
    IterativeMatcher twoStates = IterativeMatcher.restricting(Matcher.named("shared"))
        .endDepth(5).build();
    AtomicInteger calls = new AtomicInteger();
    UnaryOperator<Circuit> counting = x -> {
      calls.incrementAndGet();
      return x.rename("seen");
    };
    Circuit cached = new Updater(counting).update(root, twoStates);
    assertEquals(1, calls.get());
    calls.set(0);
    Circuit uncached = new Updater(counting, UpdateOptions.defaults().withCacheTransform(false))
        .update(root, twoStates);
    assertEquals(2, calls.get());
    assertEquals(cached, uncached);
    assertEquals(Set.of(shared.rename("seen")), Matcher.named("seen").get(cached));
  }

  @Test
  void matcherStateDecidesPerPath() {
    Scalar shared = scalar(1, "shared", 2);
    Add inner = Add.of(List.of(shared), "inner");
    Add root = Add.of(List.of(shared, inner), "root");
    // depth 1 only: the direct child is rewritten, the copy under 'inner' (depth 2) is not
    IterativeMatcher depthOne = IterativeMatcher.newTraversal(1, 2, Matcher.never());
    Circuit out = IterativeMatcher.all(depthOne, Matcher.named("shared"))
        .update(root, x -> x.rename("hit"));
    assertEquals(Add.of(List.of(shared.rename("hit"), inner), "root"), out);
    assertSame(inner, out.child(1));
  }

  @Test
  void manipulationHelpers() {
    Scalar bPrime = scalar(1.7, "b_prime", 2, 3);
    Circuit replaced = CircuitManipulation.replaceNodes(f.fin, Map.of(f.b, bPrime));
    assertEquals(Matcher.circuits(f.b).update(f.fin, x -> bPrime), replaced);
    assertSame(f.fin, CircuitManipulation.replaceNodes(f.fin, Map.of()));

    Circuit prefixed = CircuitManipulation.deepMap(f.fin, x -> x.rename("p." + x.name()));
    assertEquals(Set.of("p.a", "p.b", "p.ein", "p.soft", "p.fin"),
        Set.copyOf(Matcher.always().get(prefixed).stream().map(Circuit::name).toList()));
    Circuit pre = CircuitManipulation.deepMapPreorder(f.fin,
        x -> x.kind() == Kind.GENERAL_FUNCTION ? x.child(0) : x);
    assertEquals(Add.of(List.of(f.ein, f.ein), "fin"), pre);
    assertEquals(Set.of(f.a, f.b), CircuitManipulation.filterNodes(f.fin,
        c -> c.kind() == Kind.SCALAR));
    assertEquals(5, CircuitManipulation.countNodes(f.fin));
    assertEquals(List.of(f.fin, f.ein, f.a, f.b, f.soft), CircuitManipulation.preOrder(f.fin));
    assertNotEquals(f.fin, prefixed);
  }
}
