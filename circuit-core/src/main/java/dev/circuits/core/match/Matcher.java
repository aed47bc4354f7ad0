package dev.circuits.core.match;

import dev.circuits.core.Circuit;
import dev.circuits.core.Kind;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A predicate on single nodes, compared structurally (so it can key caches) and printed like
 * rust_circuit's {@code Matcher}. As an {@link IterativeMatcher} it reports matching nodes and keeps
 * the same state for all children. Example: {@code Matcher.named("a0.h1").or(Matcher.ofKind(Kind.ADD))}.
 */
public sealed interface Matcher extends IterativeMatcher
    permits LeafMatchers.Always, LeafMatchers.Names, LeafMatchers.Types, LeafMatchers.NameRegex,
        LeafMatchers.Circuits, LeafMatchers.FunctionMatcher, CombinedMatchers.Not,
        CombinedMatchers.AnyOf, CombinedMatchers.AllOf, CombinedMatchers.AnyFoundMatcher {

  /** Whether {@code circuit} matches. */
  boolean test(Circuit circuit);

  /** A matcher is found where it matches, and continues unchanged into the children. */
  @Override
  default IterateMatchResults matchIterate(Circuit circuit) {
    return IterateMatchResults.same(test(circuit));
  }

  /**
   * fancy_validate: throws unless every name, type and circuit this matcher lists is among
   * {@code matched}, and (for regexes, predicates, constants) unless it matches one of them.
   */
  @Override
  default void validateMatched(Set<Circuit> matched) {
    for (Circuit c : matched) {
      if (test(c)) {
        return;
      }
    }
    throw new MatchException(MatchException.Reason.VALIDATION_FAILED,
        "This matcher matched nothing: " + this + "\ncircuits: " + MatcherFormat.join(matched));
  }

  /** The first node matching, in pre-order (each distinct node visited once). */
  default Optional<Circuit> getFirst(Circuit circuit) {
    return CircuitManipulation.preOrder(circuit).stream().filter(this::test).findFirst();
  }

  /** Matches what both this and all {@code others} match (short-circuits). */
  default Matcher and(Matcher... others) {
    return all(prepend(this, others));
  }

  /** Matches what this or any of {@code others} matches (short-circuits). */
  default Matcher or(Matcher... others) {
    return any(prepend(this, others));
  }

  /** Matches what this does not match. */
  default Matcher negate() {
    return not(this);
  }

  /** Always matches ({@code Matcher(True)}). */
  static Matcher always() {
    return LeafMatchers.Always.TRUE;
  }

  /** Never matches ({@code Matcher(False)}). */
  static Matcher never() {
    return LeafMatchers.Always.FALSE;
  }

  /** Matches the constant {@code value}: {@link #always()} or {@link #never()}. */
  static Matcher constant(boolean value) {
    return value ? always() : never();
  }

  /** Matches nodes named exactly {@code name}. */
  static Matcher named(String name) {
    return new LeafMatchers.Names(Set.of(name));
  }

  /** Matches nodes whose name is one of {@code names}. */
  static Matcher namedAnyOf(String... names) {
    return namedAnyOf(Arrays.asList(names));
  }

  /** Matches nodes whose name is one of {@code names}. */
  static Matcher namedAnyOf(Collection<String> names) {
    return new LeafMatchers.Names(names);
  }

  /**
   * Matches nodes whose name contains a match of {@code pattern} (a search, not a full match) with
   * rust_circuit's default {@code escape_dot}: {@code .} is a literal dot and {@code \.} the wildcard.
   */
  static Matcher regex(String pattern) {
    return regex(pattern, true);
  }

  /** As {@link #regex(String)}; with {@code escapeDot=false} the pattern is used unchanged. */
  static Matcher regex(String pattern, boolean escapeDot) {
    return LeafMatchers.NameRegex.of(pattern, escapeDot);
  }

  /** Matches nodes of any of the given kinds. */
  static Matcher ofKind(Kind first, Kind... rest) {
    return new LeafMatchers.Types(EnumSet.of(first, rest));
  }

  /** Matches nodes whose kind is in {@code kinds}. */
  static Matcher ofKinds(Collection<Kind> kinds) {
    return new LeafMatchers.Types(kinds.isEmpty() ? EnumSet.noneOf(Kind.class)
        : EnumSet.copyOf(kinds));
  }

  /** Matches nodes equal (by structural hash) to one of {@code circuits}. */
  static Matcher circuits(Circuit... circuits) {
    return circuits(Arrays.asList(circuits));
  }

  /** Matches nodes equal (by structural hash) to one of {@code circuits}. */
  static Matcher circuits(Collection<? extends Circuit> circuits) {
    return LeafMatchers.Circuits.of(circuits);
  }

  /** Matches where {@code predicate} holds; equal only to itself (compared by identity). */
  static Matcher predicate(Predicate<Circuit> predicate) {
    return predicate("Predicate", predicate);
  }

  /** As {@link #predicate(Predicate)}, printed as {@code description}. */
  static Matcher predicate(String description, Predicate<Circuit> predicate) {
    return new LeafMatchers.FunctionMatcher(description, predicate);
  }

  /** Matches what {@code matcher} does not match. */
  static Matcher not(Matcher matcher) {
    return new CombinedMatchers.Not(matcher);
  }

  /** Matches what any of {@code matchers} matches (none given: never), short-circuiting. */
  static Matcher any(Matcher... matchers) {
    return any(Arrays.asList(matchers));
  }

  /** Matches what any of {@code matchers} matches (none given: never), short-circuiting. */
  static Matcher any(List<? extends Matcher> matchers) {
    return new CombinedMatchers.AnyOf(List.copyOf(matchers));
  }

  /** Matches what all of {@code matchers} match (none given: always), short-circuiting. */
  static Matcher all(Matcher... matchers) {
    return all(Arrays.asList(matchers));
  }

  /** Matches what all of {@code matchers} match (none given: always), short-circuiting. */
  static Matcher all(List<? extends Matcher> matchers) {
    return new CombinedMatchers.AllOf(List.copyOf(matchers));
  }

  /** Matches nodes where {@code finder} finds something, the node itself included. */
  static Matcher matchAnyFound(IterativeMatcher finder) {
    return new CombinedMatchers.AnyFoundMatcher(finder);
  }

  /** Matches nodes where {@code finder} finds something strictly below the node. */
  static Matcher matchAnyChildFound(IterativeMatcher finder) {
    return matchAnyFound(IterativeMatcher.restricting(finder).startDepth(1).build());
  }

  private static List<Matcher> prepend(Matcher first, Matcher[] rest) {
    Matcher[] all = new Matcher[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return Arrays.asList(all);
  }
}
