package dev.circuits.core.match;

import dev.circuits.core.Circuit;
import java.util.List;
import java.util.Set;

/** Matchers built from other matchers: negation, union, intersection, "finder finds something". */
final class CombinedMatchers {
  private CombinedMatchers() {}

  private static List<String> strings(List<Matcher> ms) {
    return ms.stream().map(Object::toString).toList();
  }

  /** Logical not. */
  record Not(Matcher matcher) implements Matcher {
    @Override
    public boolean test(Circuit circuit) {
      return !matcher.test(circuit);
    }

    @Override
    public void validateMatched(Set<Circuit> matched) {
      // nothing can be checked for a negation
    }

    @Override
    public String toString() {
      return "Not " + matcher;
    }
  }

  /** Short-circuiting union. */
  record AnyOf(List<Matcher> matchers) implements Matcher {
    @Override
    public boolean test(Circuit circuit) {
      for (Matcher m : matchers) {
        if (m.test(circuit)) {
          return true;
        }
      }
      return false;
    }

    @Override
    public void validateMatched(Set<Circuit> matched) {
      for (Matcher m : matchers) {
        m.validateMatched(matched);
      }
    }

    @Override
    public String toString() {
      return "Any(" + MatcherFormat.maybeIndentedList(strings(matchers), ", ", false, true) + ")";
    }
  }

  /** Short-circuiting intersection. */
  record AllOf(List<Matcher> matchers) implements Matcher {
    @Override
    public boolean test(Circuit circuit) {
      for (Matcher m : matchers) {
        if (!m.test(circuit)) {
          return false;
        }
      }
      return true;
    }

    @Override
    public void validateMatched(Set<Circuit> matched) {
      for (Matcher m : matchers) {
        m.validateMatched(matched);
      }
    }

    @Override
    public String toString() {
      return "All(" + MatcherFormat.maybeIndentedList(strings(matchers), ", ", false, true) + ")";
    }
  }

  /** Matches a node where {@code finder} finds something; memoised, equal by finder. */
  record AnyFoundMatcher(IterativeMatcher finder, AnyFound cache) implements Matcher {
    AnyFoundMatcher(IterativeMatcher finder) {
      this(finder, new AnyFound());
    }

    @Override
    public boolean test(Circuit circuit) {
      return cache.anyFound(circuit, finder);
    }

    @Override
    public void validateMatched(Set<Circuit> matched) {
      // as upstream: not checked
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof AnyFoundMatcher a && a.finder.equals(finder);
    }

    @Override
    public int hashCode() {
      return finder.hashCode() * 17 + 3;
    }

    @Override
    public String toString() {
      return "AnyFound(" + MatcherFormat.indentedIfMultiline(finder.toString()) + ")";
    }
  }
}
