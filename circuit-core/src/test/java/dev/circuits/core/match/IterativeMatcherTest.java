package dev.circuits.core.match;

import static dev.circuits.core.match.Fixtures.AB;
import static dev.circuits.core.match.Fixtures.A_NAME;
import static dev.circuits.core.match.Fixtures.B_OTHER;
import static dev.circuits.core.match.Fixtures.scalar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.circuits.core.Add;
import dev.circuits.core.Circuit;
import dev.circuits.core.Einsum;
import dev.circuits.core.Kind;
import dev.circuits.core.Scalar;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Ports of the iterative-matcher state-machine tests of {@code test_rust_get_update.py}. */
class IterativeMatcherTest {
  private static final Scalar TOP = scalar(1.0, "top", 1, 2);
  private static final Scalar LEAF = scalar(2.0, "leaf", 2, 3);
  private static final Scalar OTHER = scalar(2.0, "other", 2, 3);
  private static final Scalar DOG = scalar(2.0, "dog", 2, 3);

  private static IterativeMatcher m(String name) {
    return Matcher.named(name);
  }

  private static IterativeMatcher endAt(String name, int end) {
    return IterativeMatcher.restricting(m(name)).endDepth(end).build();
  }

  private static IterativeMatcher restrictSlice(IterativeMatcher base, boolean termIfMatches,
      Integer start, Integer end) {
    return IterativeMatcher.restrict(base, termIfMatches, start, end, Matcher.never());
  }

  /** One step of a single path: checks found/changed/finished and returns the next state. */
  private static IterativeMatcher step(IterativeMatcher matcher, Circuit c, boolean found,
      boolean change, boolean finish) {
    IterateMatchResults r = matcher.matchIterate(c);
    if (finish) {
      assertSame(Updated.finished(), r.updated(), () -> "expected FINISHED from " + matcher);
      return matcher;
    }
    assertEquals(change, !(r.updated() instanceof Updated.Same), () -> "change from " + matcher);
    assertEquals(found, r.found(), () -> "found from " + matcher + " on " + c);
    if (r.updated() instanceof Updated.One one) {
      return one.matcher();
    }
    assertInstanceOf(Updated.Same.class, r.updated());
    return matcher;
  }

  private static IterativeMatcher step(IterativeMatcher m, Circuit c, boolean found,
      boolean change) {
    return step(m, c, found, change, false);
  }

  @Test
  void plainMatcherKeepsState() {
    assertEquals(Matcher.named("hi"), (IterativeMatcher) Matcher.named("hi"));
    assertNotEquals(Matcher.named("hi"), Matcher.named("hij"));
    for (Circuit c : List.of(A_NAME, B_OTHER, AB)) {
      IterateMatchResults r = Matcher.namedAnyOf("a_name", "b_other").matchIterate(c);
      assertSame(Updated.same(), r.updated());
      assertEquals(c != AB, r.found());
    }
    assertTrue(Matcher.ofKind(Kind.SCALAR, Kind.EINSUM).matchIterate(AB).found());
    assertSame(Updated.finished(), IterativeMatcher.term().matchIterate(Scalar.of(0.3)).updated());
  }

  @Test
  void restrictConstructorEquality() {
    List<IterativeMatcher> bases = List.of(m("hi"), m("x"), Matcher.always());
    Integer[] depths = {null, 0, 2};
    List<Matcher> terms = List.of(Matcher.named("hi"), Matcher.never());
    List<IterativeMatcher> items = new ArrayList<>();
    for (IterativeMatcher base : bases) {
      for (boolean tim : new boolean[] {false, true}) {
        for (Integer s : depths) {
          for (Integer e : depths) {
            for (Matcher t : terms) {
              IterativeMatcher item = IterativeMatcher.restrict(base, tim, s, e, t);
              Restriction b = IterativeMatcher.restricting(base).termIfMatches(tim).termEarlyAt(t);
              if (s != null) {
                b.startDepth(s);
              }
              if (e != null) {
                b.endDepth(e);
              }
              assertEquals(item, b.build());
              assertEquals(item.hashCode(), b.build().hashCode());
              items.add(item);
            }
          }
        }
      }
    }
    assertEquals(items.size(), Set.copyOf(items).size(), "all restrictions distinct");
  }

  @Test
  void restrictDepths() {
    IterativeMatcher r = restrictSlice(m("a_name"), false, 2, null);
    for (boolean reached : new boolean[] {false, false, true, true}) {
      IterateMatchResults x = r.matchIterate(A_NAME);
      assertEquals(reached, x.updated() instanceof Updated.Same);
      assertEquals(reached, x.found());
      r = x.updated() instanceof Updated.One one ? one.matcher() : r;
    }

    r = restrictSlice(m("a_name"), false, 3, 5);
    for (int i = 0; i < 3; i++) {
      r = stepBoth(r, A_NAME, false, false);
    }
    r = stepBoth(r, A_NAME, true, false);
    stepBoth(r, A_NAME, true, true);

    stepBoth(restrictSlice(m("a_name"), false, null, 0), A_NAME, false, true);
    stepBoth(restrictSlice(m("a_name"), false, 0, 0), A_NAME, false, true);
    stepBoth(restrictSlice(m("a_name"), false, 1, 0), A_NAME, false, true);

    r = restrictSlice(m("a_name"), true, 3, 5);
    for (int i = 0; i < 3; i++) {
      r = stepBoth(r, A_NAME, false, false);
    }
    stepBoth(r, A_NAME, true, true);

    r = restrictSlice(m("a_name"), true, 3, 7);
    for (int i = 0; i < 3; i++) {
      r = stepBoth(r, A_NAME, false, false);
    }
    r = stepBoth(r, B_OTHER, false, false);
    r = stepBoth(r, B_OTHER, false, false);
    stepBoth(r, A_NAME, true, true);

    r = IterativeMatcher.restricting(m("a_name")).termEarlyAt(Matcher.named("b_other")).build();
    r = step(r, A_NAME, true, false);
    r = step(r, A_NAME, true, false);
    step(r, B_OTHER, false, false, true);
  }

  /** upstream's check_valid_both: only found and finished are checked. */
  private static IterativeMatcher stepBoth(IterativeMatcher r, Circuit c, boolean found,
      boolean last) {
    IterateMatchResults x = r.matchIterate(c);
    assertEquals(last, x.updated() instanceof Updated.Finished);
    assertEquals(found, x.found());
    return x.updated() instanceof Updated.One one ? one.matcher() : r;
  }

  @Test
  void startDepthBehavior() {
    Add b = Add.of(List.of(), "B");
    Add c = Add.of(List.of(), "C");
    Add a = Add.of(List.of(b, c), "A");
    Matcher isAdd = Matcher.ofKind(Kind.ADD);
    assertEquals(Set.of(a), IterativeMatcher.newTraversal(0, null, isAdd).get(a));
    for (int d = 1; d < 4; d++) {
      assertEquals(Set.of(), IterativeMatcher.newTraversal(d, null, isAdd).get(a));
    }
    assertSame(Updated.finished(),
        IterativeMatcher.newTraversal(1, 0, Matcher.never()).matchIterate(a).updated());
  }

  @Test
  void chainConstructorEquality() {
    List<IterativeMatcher> firsts = List.of(m("hi"), m("x"), Matcher.always());
    List<List<IterativeMatcher>> rests = List.of(List.of(m("other")), List.of(m("other"), m("hi")),
        List.of(Matcher.never()), List.of(Matcher.never(), Matcher.never()),
        List.of(Matcher.never(), Matcher.always()));
    for (boolean sub : new boolean[] {false, true}) {
      List<IterativeMatcher> items = new ArrayList<>();
      for (IterativeMatcher first : firsts) {
        for (List<IterativeMatcher> rest : rests) {
          IterativeMatcher item = first.chain(rest, sub);
          assertEquals(item, IterativeMatcher.newChain(first, rest, sub));
          assertEquals(item, first.chainMany(List.of(rest), sub));
          List<IterativeMatcher> whole = new ArrayList<>(List.of(first));
          whole.addAll(rest);
          assertEquals(item, IterativeMatcher.newChainMany(List.of(whole), sub));
          items.add(item);
        }
      }
      assertEquals(items.size(), Set.copyOf(items).size());
    }
    assertThrows(MatchException.class, () -> IterativeMatcher.newChainMany(List.of(List.of()),
        false));
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void chainMatching(boolean sub) {
    IterativeMatcher c = IterativeMatcher.newChain(m("top"), List.of(m("leaf")), sub);
    c = step(c, TOP, false, true);
    c = step(c, TOP, false, false);
    c = step(c, TOP, false, false);
    c = step(c, LEAF, true, false);
    step(c, LEAF, true, false);

    c = IterativeMatcher.newChain(endAt("top", 2), List.of(endAt("leaf", 3)), sub);
    c = step(c, TOP, false, true);
    c = step(c, TOP, false, true);
    c = step(c, TOP, false, true);
    step(c, TOP, false, false, true);

    c = IterativeMatcher.newChain(endAt("top", 2), List.of(endAt("leaf", 3)), sub);
    c = step(c, LEAF, false, true);
    step(c, LEAF, false, false, true);

    c = IterativeMatcher.newChain(endAt("top", 2), List.of(endAt("leaf", 4)), sub);
    c = step(c, TOP, false, true);
    c = step(c, OTHER, false, true);
    c = step(c, LEAF, true, true);
    step(c, LEAF, true, false, true);

    c = IterativeMatcher.newChain(endAt("top", 2), List.of(endAt("leaf", 4), m("other")), sub);
    c = step(c, TOP, false, true);
    c = step(c, OTHER, false, true);
    c = step(c, OTHER, false, true);
    c = step(c, LEAF, false, true);
    c = step(c, OTHER, true, false);
    step(c, OTHER, true, false);

    c = IterativeMatcher.newChainMany(List.of(List.of(endAt("top", 2), endAt("leaf", 4),
        m("other")), List.of(m("dog"))), sub);
    c = step(c, TOP, false, true);
    c = step(c, DOG, true, true);
    c = step(c, OTHER, false, true);
    c = step(c, LEAF, false, true);
    c = step(c, OTHER, true, false);
    c = step(c, OTHER, true, false);
    step(c, DOG, true, false);

    c = IterativeMatcher.any(endAt("top", 2), m("dog"));
    c = step(c, TOP, true, true);
    c = step(c, TOP, true, true);
    c = step(c, TOP, false, false);
    step(c, DOG, true, false);
  }

  @Test
  void chainMustBeSub() {
    Scalar top = scalar(1.0, "top", 1, 2);
    Scalar leaf = scalar(2.0, "leaf", 2, 2);
    Scalar other = scalar(2.0, "other", 2, 3);
    Scalar dog = scalar(2.0, "dog", 2, 3);
    Matcher scalar = Matcher.ofKind(Kind.SCALAR);
    IterativeMatcher c = scalar.chain(List.of(scalar), false);
    c = step(c, top, true, true);
    c = step(c, leaf, true, false);
    step(c, other, true, false);

    c = scalar.chain(List.of(scalar), true);
    c = step(c, top, false, true);
    c = step(c, leaf, true, false);
    step(c, other, true, false);

    Matcher lastDimTwo = Matcher.predicate(x -> x.shape().get(x.rank() - 1) == 2);
    IterativeMatcher twoEnd = IterativeMatcher.restricting(lastDimTwo).endDepth(2).build();
    IterativeMatcher start = m("top").chain(List.of(twoEnd, m("dog")), true);
    c = step(start, leaf, false, false);
    c = step(c, dog, false, false);
    c = step(c, top, false, true);
    c = step(c, top, false, true);
    step(c, dog, true, true);

    c = step(start, leaf, false, false);
    c = step(c, dog, false, false);
    c = step(c, top, false, true);
    c = step(c, leaf, false, true);
    c = step(c, leaf, false, false);
    c = step(c, leaf, false, false);
    c = step(c, leaf, false, false);
    step(c, dog, true, false);

    c = step(start, leaf, false, false);
    c = step(c, dog, false, false);
    c = step(c, top, false, true);
    c = step(c, other, false, true);
    c = step(c, other, false, false);
    step(c, dog, false, false);

    c = m("top").chain(List.of(twoEnd, m("dog")), false);
    c = step(c, leaf, false, false);
    c = step(c, dog, false, false);
    c = step(c, top, false, true);
    c = step(c, other, false, true);
    c = step(c, other, false, false);
    step(c, dog, true, false);
  }

  @Test
  void intersection() {
    Einsum c = Einsum.fromString("ab,bc->ac", List.of(A_NAME, B_OTHER), "c_name");
    Matcher scalar = Matcher.ofKind(Kind.SCALAR);
    assertSameFound(m("a_name").and(m("b_other")), A_NAME, false);
    assertSameFound(m("a_name").or(m("b_other")), A_NAME, true);
    assertSameFound(IterativeMatcher.all(m("a_name"), scalar), A_NAME, true);
    assertSameFound(IterativeMatcher.all(m("a_name"), scalar), B_OTHER, false);
    assertSameFound(IterativeMatcher.all(m("a_name"), scalar), c, false);
    assertSameFound(IterativeMatcher.all(m("a_name")), A_NAME, true);

    IterativeMatcher endA = endAt("a_name", 3);
    IterativeMatcher up = ((Updated.One) endA.matchIterate(c).updated()).matcher();
    IterateMatchResults out = IterativeMatcher.all(m("hi"), endA).matchIterate(c);
    assertFalse(out.found());
    assertEquals(Updated.to(IterativeMatcher.all(m("hi"), up)), out.updated());
    out = IterativeMatcher.all(scalar, endA).matchIterate(A_NAME);
    assertTrue(out.found());
    assertEquals(Updated.to(IterativeMatcher.all(scalar, up)), out.updated());

    out = IterativeMatcher.all(Matcher.ofKind(Kind.EINSUM), IterativeMatcher.term())
        .matchIterate(A_NAME);
    assertFalse(out.found());
    assertSame(Updated.finished(), out.updated());
    out = IterativeMatcher.all(scalar, IterativeMatcher.term(true)).matchIterate(A_NAME);
    assertTrue(out.found());
    assertSame(Updated.finished(), out.updated());

    IterativeMatcher children = endAt("c_name", 3).childrenMatcher(Set.of(1));
    Updated.PerChild perChild = (Updated.PerChild) children.matchIterate(c).updated();
    out = IterativeMatcher.all(scalar, children).matchIterate(c);
    assertFalse(out.found());
    assertEquals(Updated.perChild(List.of(
        Optional.of(IterativeMatcher.all(scalar, perChild.matchers().get(0).orElseThrow())),
        Optional.of(IterativeMatcher.all(scalar, perChild.matchers().get(1).orElseThrow())))),
        out.updated());

    IterativeMatcher func = IterativeMatcher.newFunc(x -> new IterateMatchResults(
        Updated.perChild(List.of(Optional.empty(), Optional.of(Matcher.always()))), true));
    out = IterativeMatcher.all(scalar, func).matchIterate(c);
    assertFalse(out.found());
    assertEquals(Updated.perChild(List.of(Optional.empty(),
        Optional.of(IterativeMatcher.all(scalar, Matcher.always())))), out.updated());
  }

  private static void assertSameFound(IterativeMatcher matcher, Circuit c, boolean found) {
    IterateMatchResults r = matcher.matchIterate(c);
    assertSame(Updated.same(), r.updated());
    assertEquals(found, r.found());
  }

  @Test
  void perChildListMustMatchChildCount() {
    IterativeMatcher bad = IterativeMatcher.newFunc(x -> new IterateMatchResults(
        Updated.perChild(List.of(Optional.of(Matcher.always()))), false));
    MatchException e = assertThrows(MatchException.class, () -> bad.matchIterate(AB));
    assertEquals(MatchException.Reason.NUM_UPDATED_MATCHERS_NEQ_NUM_CHILDREN, e.reason());
    assertTrue(e.getMessage().contains("num_updated_matchers=1 != num_children=2"));
  }

  @Test
  void printsLikeRustCircuit() {
    assertEquals("[\"a_name\" -> \"b_name\"]", m("a_name").chain(m("b_name")).toString());
    assertEquals("Any([\"a_name\" -> \"b_name\"], [\"b_name\" -> \"a_name\"])",
        IterativeMatcher.any(m("a_name").chain(m("b_name")), m("b_name").chain(m("a_name")))
            .toString());
    assertEquals("\"a_name\"", m("a_name").toString());
    assertEquals("Children(\"a_name\", [0,1])", m("a_name").childrenMatcher(Set.of(1, 0))
        .toString());
    assertEquals("ModuleArg(\"a_name\", \"b_name\")",
        m("a_name").moduleArgMatcher(Matcher.named("b_name")).toString());
    assertEquals("SpecCircuit(\"a_name\")", m("a_name").specCircuitMatcher().toString());
    assertEquals("NoModuleSpec(\"a_name\")", m("a_name").filterModuleSpec().toString());
    assertEquals("Restrict{depth_range: 1:3}",
        IterativeMatcher.newTraversal(1, 3, Matcher.never()).toString());
    IterativeMatcher inner = IterativeMatcher.restricting(IterativeMatcher.newChain(
        m("n;asdkjfn;lasknfl;wkenf;alknklk;lasdknfl;an"),
        List.of(m("b"), m("c"), m("d"), m("efghijk")), false)).startDepth(1).endDepth(10).build();
    IterativeMatcher middle = IterativeMatcher.restricting(inner).termEarlyAt(Matcher.namedAnyOf(
        "asdfasdfasdf", "1234567890", "12345678912345678901234567890", "qwertyuiop")).build();
    IterativeMatcher outer = IterativeMatcher.restricting(middle).termIfMatches(true).build();
    String expected = String.join("\n",
        "Restrict{",
        "    matcher: Restrict{    ",
        "        matcher: Restrict{        ",
        "            depth_range: 1:10        ",
        "            matcher: [\"n;asdkjfn;lasknfl;wkenf;alknklk;lasdknfl;an\" -> \"b\" -> \"c\""
            + " -> \"d\" -> \"efghijk\"]        ",
        "        }    ",
        "        term_at: {        ",
        "            \"1234567890\"        ",
        "            \"12345678912345678901234567890\"        ",
        "            \"asdfasdfasdf\"        ",
        "            \"qwertyuiop\"        ",
        "        }    ",
        "    }",
        "    term_if_matches: true",
        "}");
    assertEquals(expected, outer.toString());
    assertEquals("Term", IterativeMatcher.term(true).toString());
    assertEquals("term next", IterativeMatcher.term().toString(), "upstream's wording");
  }
}
