package dev.circuits.core.match;

import dev.circuits.core.Circuit;
import dev.circuits.core.Kind;
import dev.circuits.core.Module;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.IntPredicate;
import java.util.stream.Collectors;

/** Matchers that report children of what another matcher finds, or skip module spec circuits. */
final class StructuralMatchers {
  private StructuralMatchers() {}

  /**
   * For a found node, continue into each child with the wrapped continuation of {@code inner}, and
   * additionally report the children selected by {@code selected} (via {@code term(true)}).
   */
  private static IterateMatchResults reportChildren(IterateMatchResults r, IterativeMatcher inner,
      int numChildren, java.util.function.UnaryOperator<IterativeMatcher> wrap,
      IntPredicate selected) {
    List<Optional<IterativeMatcher>> perChild = r.updated().forChildren(inner, numChildren);
    List<Optional<IterativeMatcher>> out = new ArrayList<>(numChildren);
    for (int i = 0; i < numChildren; i++) {
      List<IterativeMatcher> parts = new ArrayList<>(2);
      perChild.get(i).map(wrap).ifPresent(parts::add);
      if (selected.test(i)) {
        parts.add(IterativeMatcher.term(true));
      }
      out.add(Optional.of(IterativeMatcher.anyOrTerm(parts)));
    }
    return new IterateMatchResults(Updated.perChild(out), false);
  }

  private static Module requireModule(Circuit c, IterativeMatcher by) {
    if (c instanceof Module m) {
      return m;
    }
    throw new MatchException(MatchException.Reason.EXPECTED_MODULE, "matched circuit "
        + c.describe() + " of type " + c.kind().displayName() + " is not a module (matcher " + by
        + ")");
  }

  /** When {@code matcher} finds a node, report its children {@code childNumbers} instead. */
  record Children(IterativeMatcher matcher, SortedSet<Integer> childNumbers)
      implements IterativeMatcher {
    Children(IterativeMatcher matcher, Set<Integer> childNumbers) {
      this(matcher, Collections.unmodifiableSortedSet(new TreeSet<>(childNumbers)));
    }

    @Override
    public IterateMatchResults matchIterate(Circuit circuit) {
      int n = circuit.numChildren();
      IterateMatchResults r = matcher.matchIterate(circuit);
      if (!r.found()) {
        return new IterateMatchResults(r.updated().map(m -> new Children(m, childNumbers)),
            false);
      }
      if (!childNumbers.isEmpty() && childNumbers.last() >= n) {
        throw new MatchException(MatchException.Reason.CHILD_NUMBERS_OUT_OF_BOUNDS,
            "some child_numbers=" + childNumbers + " >= num_children=" + n + " of "
                + circuit.describe());
      }
      return reportChildren(r, matcher, n, m -> new Children(m, childNumbers),
          childNumbers::contains);
    }

    @Override
    public void validateMatched(Set<Circuit> matched) {
      // as upstream: nothing sensible to check
    }

    @Override
    public String toString() {
      return "Children(" + MatcherFormat.indentedIfMultiline(matcher.toString()) + ", ["
          + childNumbers.stream().map(String::valueOf).collect(Collectors.joining(",")) + "])";
    }
  }

  /** When {@code moduleMatcher} finds a Module, report the args whose binding symbol matches. */
  record ModuleArg(IterativeMatcher moduleMatcher, Matcher argSymbolMatcher)
      implements IterativeMatcher {
    @Override
    public IterateMatchResults matchIterate(Circuit circuit) {
      IterateMatchResults r = moduleMatcher.matchIterate(circuit);
      if (!r.found()) {
        return new IterateMatchResults(
            r.updated().map(m -> new ModuleArg(m, argSymbolMatcher)), false);
      }
      Module module = requireModule(circuit, this);
      boolean[] selected = new boolean[circuit.numChildren()];
      for (int i = 1; i < selected.length; i++) {
        selected[i] = argSymbolMatcher.test(module.spec().argSpecs().get(i - 1).symbol());
      }
      return reportChildren(r, moduleMatcher, circuit.numChildren(),
          m -> new ModuleArg(m, argSymbolMatcher), i -> selected[i]);
    }

    @Override
    public void validateMatched(Set<Circuit> matched) {
      // as upstream: nothing sensible to check
    }

    @Override
    public String toString() {
      return "ModuleArg(" + MatcherFormat.indentedIfMultiline(moduleMatcher.toString()) + ", "
          + MatcherFormat.indentedIfMultiline(argSymbolMatcher.toString()) + ")";
    }
  }

  /** When {@code moduleMatcher} finds a Module, report its spec circuit (child 0). */
  record SpecCircuit(IterativeMatcher moduleMatcher) implements IterativeMatcher {
    @Override
    public IterateMatchResults matchIterate(Circuit circuit) {
      IterateMatchResults r = moduleMatcher.matchIterate(circuit);
      if (!r.found()) {
        return new IterateMatchResults(r.updated().map(SpecCircuit::new), false);
      }
      requireModule(circuit, this);
      return reportChildren(r, moduleMatcher, circuit.numChildren(), SpecCircuit::new,
          i -> i == 0);
    }

    @Override
    public void validateMatched(Set<Circuit> matched) {
      // as upstream: nothing sensible to check
    }

    @Override
    public String toString() {
      return "SpecCircuit(" + MatcherFormat.indentedIfMultiline(moduleMatcher.toString()) + ")";
    }
  }

  /** Never descends into module spec circuits (child 0 of a Module). */
  record NoModuleSpec(IterativeMatcher matcher) implements IterativeMatcher {
    @Override
    public IterateMatchResults matchIterate(Circuit circuit) {
      IterateMatchResults r = matcher.matchIterate(circuit);
      if (circuit.kind() != Kind.MODULE) {
        return new IterateMatchResults(r.updated().map(NoModuleSpec::new), r.found());
      }
      List<Optional<IterativeMatcher>> perChild =
          r.updated().forChildren(matcher, circuit.numChildren());
      List<Optional<IterativeMatcher>> out = new ArrayList<>(perChild.size());
      for (int i = 0; i < perChild.size(); i++) {
        out.add(i == 0 ? Optional.empty() : perChild.get(i).map(NoModuleSpec::new));
      }
      return new IterateMatchResults(Updated.perChild(out), r.found());
    }

    @Override
    public void validateMatched(Set<Circuit> matched) {
      matcher.validateMatched(matched);
    }

    @Override
    public String toString() {
      return "NoModuleSpec(" + MatcherFormat.indentedIfMultiline(matcher.toString()) + ")";
    }
  }
}
