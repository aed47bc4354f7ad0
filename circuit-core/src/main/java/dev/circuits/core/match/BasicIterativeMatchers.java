package dev.circuits.core.match;

import dev.circuits.core.Circuit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** Terminators, intersections and user-function iterative matchers. */
final class BasicIterativeMatchers {
  private BasicIterativeMatchers() {}

  /** Stops at once; the node is found iff {@code matchNext}. */
  record Term(boolean matchNext) implements IterativeMatcher {
    @Override
    public IterateMatchResults matchIterate(Circuit circuit) {
      return IterateMatchResults.finished(matchNext);
    }

    @Override
    public void validateMatched(Set<Circuit> matched) {
      // nothing to check
    }

    @Override
    public String toString() {
      return matchNext ? "Term" : "term next";
    }
  }

  /** Found where all are found; continues while all continue. */
  record Intersection(List<IterativeMatcher> matchers) implements IterativeMatcher {
    Intersection {
      matchers = List.copyOf(matchers);
    }

    @Override
    public IterateMatchResults matchIterate(Circuit circuit) {
      List<IterateMatchResults> results = new ArrayList<>(matchers.size());
      boolean found = true;
      for (IterativeMatcher m : matchers) {
        IterateMatchResults r = m.matchIterate(circuit);
        results.add(r);
        found &= r.found();
      }
      if (results.stream().allMatch(r -> r.updated() instanceof Updated.Same)) {
        return IterateMatchResults.same(found);
      }
      if (results.stream().anyMatch(r -> r.updated().allFinished())) {
        return IterateMatchResults.finished(found);
      }
      if (results.stream().noneMatch(r -> r.updated() instanceof Updated.PerChild)) {
        List<IterativeMatcher> next = new ArrayList<>(matchers.size());
        for (int i = 0; i < matchers.size(); i++) {
          Updated u = results.get(i).updated();
          next.add(u instanceof Updated.One one ? one.matcher() : matchers.get(i));
        }
        return new IterateMatchResults(Updated.to(new Intersection(next)), found);
      }
      int n = circuit.numChildren();
      List<List<Optional<IterativeMatcher>>> perMatcher = new ArrayList<>();
      for (int i = 0; i < matchers.size(); i++) {
        perMatcher.add(results.get(i).updated().forChildren(matchers.get(i), n));
      }
      List<Optional<IterativeMatcher>> out = new ArrayList<>(n);
      for (int c = 0; c < n; c++) {
        List<IterativeMatcher> next = new ArrayList<>(matchers.size());
        boolean anyFinished = false;
        for (List<Optional<IterativeMatcher>> pm : perMatcher) {
          Optional<IterativeMatcher> m = pm.get(c);
          anyFinished |= m.isEmpty();
          m.ifPresent(next::add);
        }
        out.add(anyFinished ? Optional.empty() : Optional.of(new Intersection(next)));
      }
      return new IterateMatchResults(Updated.perChild(out), found);
    }

    @Override
    public void validateMatched(Set<Circuit> matched) {
      // as upstream: not checked
    }

    @Override
    public String toString() {
      List<String> items = matchers.stream().map(Object::toString).toList();
      return "All(" + MatcherFormat.maybeIndentedList(items, ", ", false, true) + ")";
    }
  }

  /** A user function; equal only to a matcher wrapping the very same function object. */
  record IterativeFunction(String description, Function<Circuit, IterateMatchResults> function)
      implements IterativeMatcher {
    @Override
    public IterateMatchResults matchIterate(Circuit circuit) {
      IterateMatchResults r = function.apply(circuit);
      if (r == null) {
        throw new MatchException(MatchException.Reason.INVALID_ARGUMENT,
            "iterative matcher function " + description + " returned null on " + circuit.describe());
      }
      r.updated().forChildren(this, circuit.numChildren());
      return r;
    }

    @Override
    public void validateMatched(Set<Circuit> matched) {
      // user functions cannot be checked
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof IterativeFunction f && f.function == function;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(function);
    }

    @Override
    public String toString() {
      return "IterativeFunction(" + MatcherFormat.indentedIfMultiline(description) + ")";
    }
  }
}
