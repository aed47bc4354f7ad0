package dev.circuits.core.match;

import static dev.circuits.core.match.Fixtures.AB;
import static dev.circuits.core.match.Fixtures.A_NAME;
import static dev.circuits.core.match.Fixtures.B_OTHER;
import static dev.circuits.core.match.Fixtures.scalar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.circuits.core.Add;
import dev.circuits.core.Circuit;
import dev.circuits.core.Kind;
import dev.circuits.core.Scalar;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** Ports of {@code test_basic_matching}, {@code test_matcher_get} and {@code test_print_matcher}. */
class MatcherTest {
  private static final Predicate<Circuit> EXPLODES = c -> {
    throw new AssertionError("short-circuit failed");
  };

  @Test
  void namesTypesAndCircuits() {
    Circuit a = A_NAME;
    Circuit b = B_OTHER;
    Circuit c = AB;
    assertTrue(Matcher.named("a_name").test(a));
    assertFalse(Matcher.named("a_name").test(b));
    assertTrue(Matcher.namedAnyOf("a_name", "b_other").test(a));
    assertTrue(Matcher.namedAnyOf("a_name", "b_other").test(b));
    assertFalse(Matcher.namedAnyOf("a_name", "b_other").test(c));
    assertTrue(Matcher.ofKind(Kind.SCALAR, Kind.EINSUM).test(c));
    assertTrue(Matcher.circuits(c, b).test(c));
    assertTrue(Matcher.circuits(a).test(a));
    assertFalse(Matcher.circuits(a).test(b));
    assertTrue(Matcher.circuits(a, c).test(c));
    assertFalse(Matcher.circuits(a, c).test(b));
    assertTrue(Matcher.ofKind(Kind.SCALAR).test(b));
    assertFalse(Matcher.ofKind(Kind.SCALAR).test(c));
    assertFalse(Matcher.ofKind(Kind.ADD, Kind.EINSUM).test(a));
    for (Circuit n : List.of(a, b, c)) {
      assertTrue(Matcher.always().test(n));
      assertFalse(Matcher.never().test(n));
    }
  }

  @Test
  void anyFoundMatchers() {
    Matcher hasChild = Matcher.matchAnyChildFound(Matcher.circuits(A_NAME));
    assertFalse(hasChild.test(A_NAME));
    assertFalse(hasChild.test(B_OTHER));
    assertTrue(hasChild.test(AB));
    assertEquals(hasChild, Matcher.matchAnyChildFound(Matcher.circuits(A_NAME)));
    Matcher hasEither = Matcher.matchAnyChildFound(Matcher.circuits(A_NAME, AB));
    assertFalse(hasEither.test(A_NAME));
    assertTrue(hasEither.test(AB));
    assertEquals(hasEither, Matcher.matchAnyChildFound(Matcher.circuits(AB, A_NAME)));
    Scalar e = scalar(3.0, "hi", 1, 3);
    Add d = Add.of(AB, e);
    assertTrue(hasChild.test(d));
    assertFalse(hasChild.test(e));
    Matcher anyFound = Matcher.matchAnyFound(Matcher.circuits(A_NAME));
    assertTrue(anyFound.test(d));
    assertTrue(anyFound.test(AB));
    assertTrue(anyFound.test(A_NAME));
    assertFalse(anyFound.test(B_OTHER));
    assertFalse(anyFound.test(e));
  }

  @Test
  void structuralEquality() {
    assertEquals(Matcher.named("a_name"), Matcher.named("a_name"));
    assertNotEquals(Matcher.named("a_name"), Matcher.named("a_name_"));
    assertEquals(Matcher.ofKind(Kind.SCALAR, Kind.EINSUM), Matcher.ofKind(Kind.EINSUM, Kind.SCALAR));
    assertEquals(Matcher.ofKind(Kind.SCALAR, Kind.EINSUM),
        Matcher.ofKinds(Set.of(Kind.EINSUM, Kind.SCALAR)));
    assertNotEquals(Matcher.ofKind(Kind.SCALAR), Matcher.ofKind(Kind.EINSUM));
    assertEquals(Matcher.always(), Matcher.constant(true));
    assertNotEquals(Matcher.never(), Matcher.always());
    assertEquals(Matcher.never().hashCode(), Matcher.constant(false).hashCode());
    assertEquals(Matcher.namedAnyOf("a_name", "b_other"),
        Matcher.namedAnyOf("b_other", "a_name"));
    assertEquals(Matcher.any(Matcher.named("a"), Matcher.named("b")),
        Matcher.named("a").or(Matcher.named("b")));
    Predicate<Circuit> p = c -> true;
    assertEquals(Matcher.predicate(p), Matcher.predicate(p));
    assertNotEquals(Matcher.predicate(p), Matcher.predicate(c -> true));
  }

  @Test
  void combinatorsShortCircuit() {
    Matcher a = Matcher.named("a_name");
    Matcher b = Matcher.named("b_other");
    assertTrue(a.or(b).test(B_OTHER));
    assertTrue(a.or(b).test(A_NAME));
    assertFalse(a.or(b).test(AB));
    assertFalse(a.and(b).test(A_NAME));
    assertFalse(a.negate().test(A_NAME));
    assertTrue(Matcher.not(a).test(B_OTHER));
    assertTrue(a.negate().test(AB));
    assertTrue(a.and(Matcher.ofKind(Kind.SCALAR)).test(A_NAME));
    assertFalse(a.and(Matcher.ofKind(Kind.SCALAR)).test(B_OTHER));
    assertFalse(a.and(Matcher.predicate(EXPLODES)).test(B_OTHER));
    assertFalse(Matcher.all(a, Matcher.predicate(EXPLODES)).test(B_OTHER));
    assertTrue(Matcher.any(b, Matcher.predicate(EXPLODES)).test(B_OTHER));
    assertTrue(b.or(Matcher.predicate(EXPLODES)).test(B_OTHER));
    assertTrue(Matcher.all(a).test(A_NAME));
    assertFalse(Matcher.all(a).test(AB));
    assertFalse(Matcher.any().test(A_NAME));
  }

  @Test
  void regexIsASearchWithSwappedDots() {
    assertEquals(Matcher.regex("a_name"), Matcher.regex("a_name"));
    assertNotEquals(Matcher.regex("a_name"), Matcher.regex("b_name"));
    assertNotEquals(Matcher.regex("a_name"), Matcher.regex("a_name", false));
    assertEquals(Matcher.regex("...a_name", false), Matcher.regex("...a_name", false));
    assertTrue(Matcher.regex("a").test(A_NAME));
    assertFalse(Matcher.regex("a").test(B_OTHER));
    assertTrue(Matcher.regex("[ab]").test(A_NAME));
    assertTrue(Matcher.regex("[ab]").test(B_OTHER));
    Scalar dotted = scalar(2.0, "my.name.has_dot", 2, 3);
    assertTrue(Matcher.regex("^my.name.has_dot$").test(dotted));
    assertFalse(Matcher.regex("^my.name...s_dot$").test(dotted));
    assertTrue(Matcher.regex("^my.name.\\.\\.s_dot$").test(dotted));
    assertTrue(Matcher.regex("^my\\.name", false).test(dotted));
    assertFalse(Matcher.regex("^my\\.name", false).test(scalar(1, "myXname", 1)));
    assertTrue(Matcher.regex("^\\.*$").test(AB));
    assertFalse(Matcher.regex("^\\.*$").test(AB.rename(null)));
    MatchException e = assertThrows(MatchException.class, () -> Matcher.regex("(unclosed"));
    assertEquals(MatchException.Reason.INVALID_REGEX, e.reason());
  }

  @Test
  void matcherGet() {
    assertEquals(Set.of(A_NAME), Matcher.named("a_name").get(AB));
    assertEquals(Set.of(B_OTHER), Matcher.named("b_other").get(AB));
    assertEquals(B_OTHER, Matcher.named("b_other").getFirst(AB).orElseThrow());
    // upstream's get_first returns the last match in visit order (a quirk); ours is the first
    assertEquals(A_NAME, Matcher.namedAnyOf("a_name", "b_other").getFirst(AB).orElseThrow());
  }

  @Test
  void printsLikeRustCircuit() {
    Matcher types = Matcher.ofKind(Kind.SCALAR, Kind.EINSUM);
    Matcher names = Matcher.namedAnyOf("a_name", "b_other");
    assertEquals("\"a_name\"", Matcher.named("a_name").toString());
    assertEquals("{\"a_name\", \"b_other\"}", names.toString());
    assertEquals("{Einsum, Scalar}", types.toString());
    assertEquals("All({Einsum, Scalar}, {\"a_name\", \"b_other\"})",
        Matcher.all(types, names).toString());
    assertEquals("Any({Einsum, Scalar}, Not {\"a_name\", \"b_other\"})",
        Matcher.any(types, Matcher.not(names)).toString());
    assertEquals("Always", Matcher.always().toString());
    assertEquals("Never", Matcher.never().toString());
    assertEquals("'a_name' Scalar 80114e", Matcher.circuits(A_NAME).toString());
    assertEquals("{'a_name' Scalar 80114e, 'b_other' Scalar c85657}",
        Matcher.circuits(B_OTHER, A_NAME).toString());
    assertEquals("re-escdot'^.$'", Matcher.regex("^.$").toString());
    assertEquals("re'^.$'", Matcher.regex("^.$", false).toString());
    assertEquals("starts with hi", Matcher.predicate("starts with hi", c -> true).toString());
  }

  @Test
  void validateMatched() {
    Set<Circuit> found = Set.of(A_NAME, AB);
    Matcher.namedAnyOf("a_name").validateMatched(found);
    Matcher.ofKind(Kind.SCALAR, Kind.EINSUM).validateMatched(found);
    Matcher.regex("a_").validateMatched(found);
    MatchException names = assertThrows(MatchException.class,
        () -> Matcher.namedAnyOf("a_name", "zz").validateMatched(found));
    assertTrue(names.getMessage().startsWith("Didn't match all names"), names.getMessage());
    assertTrue(names.getMessage().contains("missing: {\"zz\"}"), names.getMessage());
    assertEquals(MatchException.Reason.VALIDATION_FAILED, names.reason());
    MatchException types = assertThrows(MatchException.class,
        () -> Matcher.ofKind(Kind.ADD).validateMatched(found));
    assertTrue(types.getMessage().startsWith("Didn't match all types"), types.getMessage());
    MatchException circuits = assertThrows(MatchException.class,
        () -> Matcher.circuits(B_OTHER).validateMatched(found));
    assertTrue(circuits.getMessage().startsWith("Didn't match all circuits"));
    MatchException regex = assertThrows(MatchException.class,
        () -> Matcher.regex("nothing").validateMatched(found));
    assertTrue(regex.getMessage().startsWith("This matcher matched nothing"));
    Matcher.not(Matcher.named("zz")).validateMatched(found);
  }
}
