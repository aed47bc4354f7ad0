package dev.circuits.core.match;

import static dev.circuits.core.match.Fixtures.scalar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.circuits.core.Add;
import dev.circuits.core.Circuit;
import dev.circuits.core.Einsum;
import dev.circuits.core.Kind;
import dev.circuits.core.Scalar;
import dev.circuits.core.Shape;
import dev.circuits.core.Symbol;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Ports of the getter tests of {@code test_rust_get_update.py}, module matchers and deep graphs. */
class GetterTest {
  private final Fixtures.Added f = new Fixtures.Added();
  private final Symbol otherCirc = Symbol.newWithRandomUuid(Shape.of(3), null);

  private static void assertFails(String messageStart, Executable e) {
    MatchException ex = assertThrows(MatchException.class, e);
    assertTrue(ex.getMessage().startsWith(messageStart), ex.getMessage());
  }

  @Test
  void get() {
    Getter g = new Getter();
    assertEquals(Set.of(f.a, f.b), g.get(f.fin, Matcher.ofKind(Kind.SCALAR), true));
    assertEquals(Set.of(f.ein), g.get(f.fin, Matcher.circuits(f.ein), true));
    assertEquals(Optional.of(f.ein), g.getUniqueOp(f.fin, Matcher.circuits(f.ein)));
    assertEquals(f.ein, g.getUnique(f.fin, Matcher.circuits(f.ein)));
    assertEquals(Optional.empty(), g.getUniqueOp(f.fin, Matcher.named("sdkfj")));
    assertEquals(Set.of(), g.get(f.fin, Matcher.named("sdkfj")));
    MatchException none = assertThrows(MatchException.class,
        () -> g.getUnique(f.fin, Matcher.named("sdkfj")));
    assertEquals(MatchException.Reason.NOT_UNIQUE, none.reason());
    assertTrue(none.getMessage().startsWith("found no matches"), none.getMessage());
    MatchException many = assertThrows(MatchException.class,
        () -> Matcher.ofKind(Kind.SCALAR).getUnique(f.fin));
    assertTrue(many.getMessage().contains("found 2 matches"), many.getMessage());
    assertTrue(many.getMessage().contains("'a' Scalar"), many.getMessage());
    Matcher notScalar = Matcher.not(Matcher.ofKind(Kind.SCALAR));
    assertEquals(Set.of(f.ein, f.soft, f.fin), g.get(f.fin, notScalar, true));
    assertEquals(List.of(f.fin, f.ein, f.soft), List.copyOf(notScalar.get(f.fin)),
        "depth-first visit order");
    assertEquals(f.a, Matcher.named("a").getUnique(f.fin));
    assertEquals(Optional.of(f.a), Matcher.named("a").getUniqueOp(f.fin));
  }

  @Test
  void causalScrubbingHelpers() {
    assertEquals(Set.of(f.fin), IterativeMatcher.corrRootMatcher().get(f.fin));
    assertEquals(Set.of(f.ein), IterativeMatcher.corrRootMatcher().get(f.ein));
    Matcher fin = Matcher.named("fin");
    assertEquals(Set.of(f.a), IterativeMatcher.chainExcluding(fin, Matcher.named("a"),
        Matcher.named("soft")).get(f.fin));
    assertEquals(Set.of(), IterativeMatcher.chainExcluding(fin, Matcher.named("a"),
        Matcher.named("ein")).get(f.fin));
    // the excluded node itself can still be found
    assertEquals(Set.of(f.ein), IterativeMatcher.chainExcluding(fin, Matcher.named("ein"),
        Matcher.named("ein")).get(f.fin));
    // only the path avoiding 'soft' is rewritten
    Circuit updated = IterativeMatcher.chainExcluding(fin, Matcher.named("a"),
        Matcher.named("soft")).update(f.fin, x -> x.rename("a2"));
    assertEquals(Set.of(f.a, f.a.rename("a2")), Matcher.ofKind(Kind.SCALAR).get(updated)
        .stream().filter(x -> x.shape().equals(f.a.shape())).collect(
            java.util.stream.Collectors.toSet()));
  }

  @Test
  void fancyValidate() {
    Getter g = new Getter();
    assertFails("Didn't match all names", () -> g.get(f.fin, Matcher.named("sdkfj"), true));
    assertFails("Didn't match all names",
        () -> g.get(f.fin, Matcher.namedAnyOf("sdkfj", "ein"), true));
    assertFails("Didn't match all types", () -> g.get(f.fin, Matcher.ofKind(Kind.CONCAT), true));
    assertFails("Didn't match all types",
        () -> g.validate(f.fin, Matcher.ofKind(Kind.EINSUM, Kind.CONCAT)));
    assertFails("Didn't match all circuits", () -> g.get(f.fin, Matcher.circuits(otherCirc), true));
    Matcher circuits = Matcher.circuits(otherCirc, f.a);
    assertFails("Didn't match all circuit", () -> g.get(f.fin,
        Matcher.any(circuits, Matcher.named("dif")), true));
    assertFails("Didn't match all names", () -> g.get(f.fin,
        Matcher.any(Matcher.named("dif"), circuits), true));
    assertFails("Didn't match all names", () -> g.get(f.fin,
        Matcher.all(Matcher.named("dif"), circuits), true));
    assertFails("Didn't match all names", () -> new Getter(true).get(f.fin,
        Matcher.all(Matcher.named("dif"), circuits)));
  }

  @Test
  void fancyValidateThroughChains() {
    Scalar bDup = scalar(2.0, "b", 3);
    Add added = Add.of(List.of(f.ein, f.soft, bDup), "fin");
    Getter g = new Getter();
    Matcher ein = Matcher.named("ein");
    Matcher fin = Matcher.named("fin");
    assertEquals(Set.of(f.a, f.b), g.get(added, ein.chain(Matcher.ofKind(Kind.SCALAR)), true));
    assertEquals(Set.of(f.b), g.get(added, ein.chain(Matcher.named("b")), true));
    assertEquals(Set.of(f.b, bDup), g.get(added, Matcher.named("b"), true));
    assertEquals(Set.of(), g.get(added, ein.chain(Matcher.circuits(bDup)), false));
    assertFails("Didn't match all circuits",
        () -> g.get(added, ein.chain(Matcher.circuits(bDup)), true));
    assertEquals(Set.of(f.a, bDup), g.get(added, ein.chain(Matcher.circuits(f.a))
        .or(fin.chain(Matcher.circuits(bDup))), true));
    assertFails("Didn't match all circuits", () -> g.get(added,
        ein.chain(Matcher.circuits(otherCirc)).or(fin.chain(Matcher.circuits(bDup))), true));
    assertFails("Didn't match all circuits", () -> g.get(added, ein.chainMany(
        List.of(List.of(Matcher.circuits(f.a)), List.of(Matcher.circuits(bDup))), false), true));
  }

  @Test
  void anyFound() {
    Getter g = new Getter();
    assertTrue(g.anyFound(f.fin, Matcher.ofKind(Kind.SCALAR)));
    assertFalse(g.anyFound(f.fin, Matcher.circuits(otherCirc)));
    assertTrue(Matcher.ofKind(Kind.EINSUM).anyFound(f.fin));
    assertFalse(Matcher.ofKind(Kind.EINSUM).anyFound(f.b));
  }

  private static IterativeMatcher perChild(IterativeMatcher first, IterativeMatcher second,
      Circuit expectedAt) {
    Function<Circuit, IterateMatchResults> fn = x -> {
      if (expectedAt != null) {
        assertEquals(expectedAt, x);
      }
      return new IterateMatchResults(Updated.perChild(List.of(Optional.ofNullable(first),
          Optional.ofNullable(second))), false);
    };
    return IterativeMatcher.newFunc(fn);
  }

  @Test
  void perChildMatchers() {
    Einsum ein = Einsum.fromString("ij,jk->ik", List.of(f.a, f.b), "ein");
    IterativeMatcher finishedFirst = perChild(null, Matcher.always(), ein);
    IterateMatchResults r = finishedFirst.matchIterate(ein);
    assertFalse(r.found());
    assertEquals(Optional.empty(), ((Updated.PerChild) r.updated()).matchers().get(0));
    assertEquals(Set.of(f.b), new Getter().get(ein, finishedFirst, true));
    assertTrue(new Getter().anyFound(ein, finishedFirst));
    assertEquals(Set.of(f.a, f.b), new Getter().get(ein, perChild(Matcher.always(),
        Matcher.always(), ein), true));

    IterativeMatcher crossed = perChild(Matcher.named("b"), Matcher.named("a"), null);
    assertEquals(Set.of(), new Getter().get(ein, crossed, true));
    assertFalse(new Getter().anyFound(ein, crossed));
    Scalar big = scalar(34.0, "!@*(#&$", 3, 7);
    Circuit first = Einsum.fromString("ij,jk->ik", List.of(Add.of(f.b, f.a.sum()), big), "ein");
    assertEquals(Set.of(f.b), new Getter().get(first, crossed, true));
    Circuit second = Einsum.fromString("jk,ij->ik",
        List.of(big, Add.of(f.b, Einsum.sumOver(f.a, new int[] {0, 1}, "sum"))), "ein");
    assertEquals(Set.of(f.a), new Getter().get(second, crossed, true));
    assertTrue(new Getter().anyFound(second, crossed));
  }

  @Test
  void paths() {
    Scalar a = Scalar.of(1.0, Shape.scalar(), "match");
    Add aBis = Add.of(List.of(), "other");
    Add b = Add.of(List.of(a, aBis), "parent");
    Add c = Add.of(List.of(b), "grandparent");
    Getter g = new Getter();
    assertEquals(Map.of(a, List.of(a, b, c)), g.getPaths(c, Matcher.ofKind(Kind.SCALAR)));
    assertEquals(Map.of(), g.getPaths(c, Matcher.ofKind(Kind.ARRAY)));
    assertEquals(Map.of(a, List.of(a, b, c), aBis, List.of(aBis, b, c), c, List.of(c)),
        g.getPaths(c, Matcher.circuits(a, c, aBis)));

    assertEquals(Map.of(a, List.of(List.of(a, b, c))),
        g.getAllPaths(c, Matcher.ofKind(Kind.SCALAR)));
    assertEquals(Map.of(), g.getAllPaths(c, Matcher.ofKind(Kind.ARRAY)));
    assertEquals(Map.of(a, List.of(List.of(a, b, c)), aBis, List.of(List.of(aBis, b, c)), c,
        List.of(List.of(c))), g.getAllPaths(c, Matcher.circuits(a, c, aBis)));
    Add d = Add.of(a, a);
    assertEquals(Map.of(a, List.of(List.of(a, d), List.of(a, d))),
        g.getAllPaths(d, Matcher.ofKind(Kind.SCALAR)));
    Add e = Add.of(c, b);
    assertEquals(Map.of(a, List.of(List.of(a, b, c, e), List.of(a, b, e))),
        g.getAllPaths(e, Matcher.ofKind(Kind.SCALAR)));
  }

  @Test
  void childrenMatcher() {
    Fixtures.Modules m = new Fixtures.Modules();
    Matcher norm = Matcher.named("m.norm");
    assertEquals(Matcher.named("ln").get(m.root), norm.childrenMatcher(Set.of(0)).get(m.root));
    assertEquals(Matcher.namedAnyOf("ln", "m.norm.input").get(m.root),
        norm.childrenMatcher(Set.of(0, 1)).get(m.root));
    assertEquals(Matcher.namedAnyOf("ln", "m.ln.w.scale").get(m.root),
        norm.childrenMatcher(Set.of(0, 3)).get(m.root));
    assertEquals(Matcher.namedAnyOf("m.norm.input", "m.ln.w.bias").get(m.root),
        norm.childrenMatcher(Set.of(2, 1)).get(m.root));
    for (int bad : new int[] {4, 7}) {
      MatchException e = assertThrows(MatchException.class,
          () -> norm.childrenMatcher(Set.of(bad)).get(m.root));
      assertEquals(MatchException.Reason.CHILD_NUMBERS_OUT_OF_BOUNDS, e.reason());
    }
  }

  @Test
  void moduleArgMatcher() {
    Fixtures.Modules m = new Fixtures.Modules();
    Matcher norm = Matcher.named("m.norm");
    assertEquals(Set.of(m.mNorm.args().get(0)),
        norm.moduleArgMatcher(Matcher.named("ln.input")).get(m.root));
    assertEquals(Matcher.named("m.ln.w.bias").get(m.root),
        norm.moduleArgMatcher(Matcher.named("ln.w.bias")).get(m.root));
    assertEquals(Matcher.namedAnyOf("m.norm.input", "m.ln.w.bias", "m.ln.w.scale").get(m.root),
        norm.moduleArgMatcher(Matcher.namedAnyOf("ln.input", "ln.w.bias", "ln.w.scale"))
            .get(m.root));
    // matches by binding symbol, not content: the spec circuit has no symbol
    assertEquals(Set.of(), norm.moduleArgMatcher(Matcher.named("ln")).get(m.root));
    assertEquals(Set.of(m.aNorm),
        Matcher.named("a.norm_call").moduleArgMatcher(Matcher.named("a.input")).get(m.root));
    assertEquals(Set.of(),
        Matcher.named("a.norm_call").moduleArgMatcher(Matcher.named("ln.input")).get(m.root));
    assertEquals(Set.of(), norm.moduleArgMatcher(Matcher.named("a.input")).get(m.root));
    MatchException e = assertThrows(MatchException.class,
        () -> Matcher.named("root").moduleArgMatcher(Matcher.always()).get(m.root));
    assertEquals(MatchException.Reason.EXPECTED_MODULE, e.reason());
  }

  @Test
  void specCircuitMatcherAndFilterModuleSpec() {
    Fixtures.Modules m = new Fixtures.Modules();
    assertEquals(Set.of(m.ln, m.aSpec),
        Matcher.ofKind(Kind.MODULE).specCircuitMatcher().get(m.root));
    assertEquals(Set.of(m.ln), Matcher.named("m.norm").specCircuitMatcher().get(m.root));
    MatchException e = assertThrows(MatchException.class,
        () -> Matcher.named("root").specCircuitMatcher().get(m.root));
    assertEquals(MatchException.Reason.EXPECTED_MODULE, e.reason());

    IterativeMatcher below = IterativeMatcher.newTraversal(1, null, Matcher.never());
    assertEquals(Set.copyOf(m.mNorm.args()), below.filterModuleSpec().get(m.mNorm));
    assertTrue(below.get(m.mNorm).contains(m.lnInput), "unfiltered traversal enters the spec");
    assertEquals(Set.of(m.mNorm.args().get(0)), Matcher.named("m.norm").chain(IterativeMatcher
        .restricting(Matcher.named("m.norm.input").or(Matcher.named("ln.input")))
        .startDepth(1).build().filterModuleSpec()).get(m.root));
  }

  @Test
  void deepCircuitsDoNotOverflowTheStack() {
    Circuit c = Scalar.of(1.0, Shape.of(2), "leaf");
    for (int i = 0; i < 2500; i++) {
      c = Add.of(List.of(c), "n" + i);
      c.hash();
    }
    Circuit root = c;
    assertEquals(2501, Matcher.always().get(root).size());
    assertEquals(Set.of(root.child(0)), Matcher.named("n2498").get(root));
    assertEquals(2501, new Getter().getPaths(root, Matcher.named("leaf")).values().iterator()
        .next().size());
    IterativeMatcher deepChain = Matcher.named("n2000").chain(Matcher.named("n10"),
        Matcher.ofKind(Kind.SCALAR));
    Circuit leaf = deepChain.getUnique(root);
    Circuit updated = deepChain.update(root, x -> x.rename("new leaf"));
    assertEquals(Set.of(leaf.rename("new leaf")), Matcher.ofKind(Kind.SCALAR).get(updated));
    assertEquals(2501, CircuitManipulation.countNodes(updated));
    Circuit batched = Expander.of(Matcher.named("leaf"),
        x -> Scalar.of(1.0, Shape.of(3, 2), "leaf")).expand(root);
    assertEquals(Shape.of(3, 2), batched.shape());
  }
}
