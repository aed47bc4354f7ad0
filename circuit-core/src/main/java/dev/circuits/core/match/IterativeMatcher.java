package dev.circuits.core.match;

import dev.circuits.core.Circuit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * A path-sensitive traversal: at each node it says whether the node is found and with which state
 * to continue into each child, so a shared subcircuit reached along different paths may be treated
 * differently. Equal matchers (structural equality) are interchangeable as cache keys. Example:
 * {@code Matcher.named("a1").chain(Matcher.ofKind(Kind.ARRAY)).get(model)}.
 */
public sealed interface IterativeMatcher
    permits Matcher, BasicIterativeMatchers.Term, BasicIterativeMatchers.Intersection,
        BasicIterativeMatchers.IterativeFunction, Restrict, Chains, StructuralMatchers.Children,
        StructuralMatchers.ModuleArg, StructuralMatchers.SpecCircuit,
        StructuralMatchers.NoModuleSpec {

  /** Whether {@code circuit} is found, and how the traversal continues into its children. */
  IterateMatchResults matchIterate(Circuit circuit);

  /** fancy_validate: throws a {@link MatchException} if {@code matched} misses what this names. */
  void validateMatched(Set<Circuit> matched);

  // ---- constructors ----------------------------------------------------------------------------

  /** Finds nothing and stops at once ({@code term(false)}). */
  static IterativeMatcher term() {
    return term(false);
  }

  /** Stops at once; the current node is found iff {@code matchNext}. */
  static IterativeMatcher term(boolean matchNext) {
    return new BasicIterativeMatchers.Term(matchNext);
  }

  /** Visits everything and finds everything ({@code Matcher.always()}). */
  static Matcher noopTraversal() {
    return Matcher.always();
  }

  /** Found where any of {@code matchers} finds (a set of length-1 chains). */
  static IterativeMatcher any(IterativeMatcher... matchers) {
    return any(Arrays.asList(matchers));
  }

  /** Found where any of {@code matchers} finds (a set of length-1 chains). */
  static IterativeMatcher any(List<? extends IterativeMatcher> matchers) {
    Set<Chains.ChainItem> items = new LinkedHashSet<>();
    for (IterativeMatcher m : matchers) {
      items.add(new Chains.ChainItem(m, List.of()));
    }
    return new Chains(items);
  }

  /** Found where all of {@code matchers} find; continues while all of them continue. */
  static IterativeMatcher all(IterativeMatcher... matchers) {
    return all(Arrays.asList(matchers));
  }

  /** Found where all of {@code matchers} find; continues while all of them continue. */
  static IterativeMatcher all(List<? extends IterativeMatcher> matchers) {
    return new BasicIterativeMatchers.Intersection(List.copyOf(matchers));
  }

  /** A user-defined matcher (compared by identity of {@code function}). */
  static IterativeMatcher newFunc(Function<Circuit, IterateMatchResults> function) {
    return newFunc("func", function);
  }

  /** A user-defined matcher printed as {@code description}. */
  static IterativeMatcher newFunc(String description,
      Function<Circuit, IterateMatchResults> function) {
    return new BasicIterativeMatchers.IterativeFunction(description, function);
  }

  /** Starts a depth/termination restriction of {@code matcher}; see {@link Restriction}. */
  static Restriction restricting(IterativeMatcher matcher) {
    return new Restriction(matcher);
  }

  /**
   * rust_circuit's {@code restrict}: depths are counted from where it first applies (start
   * inclusive, end exclusive; null for unbounded); {@code termEarlyAt} (null: never) stops below
   * matching nodes.
   */
  static IterativeMatcher restrict(IterativeMatcher matcher, boolean termIfMatches,
      Integer startDepth, Integer endDepth, Matcher termEarlyAt) {
    Restriction r = restricting(matcher).termIfMatches(termIfMatches)
        .termEarlyAt(termEarlyAt == null ? Matcher.never() : termEarlyAt);
    if (startDepth != null) {
      r.startDepth(startDepth);
    }
    if (endDepth != null) {
      r.endDepth(endDepth);
    }
    return r.build();
  }

  /** Visits (and finds) every node. */
  static IterativeMatcher newTraversal() {
    return restricting(Matcher.always()).build();
  }

  /** Finds every node between the depths (null for unbounded), stopping below {@code termEarlyAt}. */
  static IterativeMatcher newTraversal(Integer startDepth, Integer endDepth, Matcher termEarlyAt) {
    return restrict(Matcher.always(), false, startDepth, endDepth, termEarlyAt);
  }

  /** Finds every node at depth at most {@code depth}. */
  static IterativeMatcher traverseUntilDepth(int depth) {
    return restricting(Matcher.always()).endDepth(depth + 1).build();
  }

  /** A chain {@code first -> rest...}; with {@code mustBeSub} each later item must match strictly below. */
  static IterativeMatcher newChain(IterativeMatcher first, List<? extends IterativeMatcher> rest,
      boolean mustBeSub) {
    List<IterativeMatcher> chain = new ArrayList<>();
    chain.add(first);
    chain.addAll(rest);
    return newChainMany(List.of(chain), mustBeSub);
  }

  /** Several chains at once (each non-empty); found where any chain completes. */
  static IterativeMatcher newChainMany(List<? extends List<? extends IterativeMatcher>> chains,
      boolean mustBeSub) {
    Set<Chains.ChainItem> items = new LinkedHashSet<>();
    for (List<? extends IterativeMatcher> chain : chains) {
      if (chain.isEmpty()) {
        throw new MatchException(MatchException.Reason.INVALID_ARGUMENT,
            "received an empty chain; chains need at least one matcher");
      }
      List<IterativeMatcher> rest = new ArrayList<>();
      for (IterativeMatcher m : chain.subList(1, chain.size())) {
        rest.add(mustBeSub ? restricting(m).startDepth(1).build() : m);
      }
      items.add(new Chains.ChainItem(chain.get(0), rest));
    }
    return new Chains(items);
  }

  /** {@code child} below {@code parent} without passing below nodes matching {@code termEarlyAt}. */
  static IterativeMatcher chainExcluding(IterativeMatcher parent, IterativeMatcher child,
      Matcher termEarlyAt) {
    return restricting(parent.chain(child)).termEarlyAt(termEarlyAt).build();
  }

  /** Finds only the root (causal scrubbing's {@code corr_root_matcher}). */
  static IterativeMatcher corrRootMatcher() {
    return restricting(newTraversal()).termIfMatches(true).build();
  }

  /** No matcher: {@code term()}; one: itself; several: {@link #any(List)}. */
  static IterativeMatcher anyOrTerm(List<? extends IterativeMatcher> matchers) {
    if (matchers.isEmpty()) {
      return term();
    }
    return matchers.size() == 1 ? matchers.get(0) : any(matchers);
  }

  // ---- combinators -----------------------------------------------------------------------------

  /** This, then {@code rest} in order along paths (each may match the same node as the previous). */
  default IterativeMatcher chain(IterativeMatcher... rest) {
    return newChain(this, Arrays.asList(rest), false);
  }

  /** This, then {@code rest}; with {@code mustBeSub} each item must match strictly below the previous. */
  default IterativeMatcher chain(List<? extends IterativeMatcher> rest, boolean mustBeSub) {
    return newChain(this, rest, mustBeSub);
  }

  /** Several chains starting with this one. */
  default IterativeMatcher chainMany(List<? extends List<? extends IterativeMatcher>> rests,
      boolean mustBeSub) {
    List<List<IterativeMatcher>> chains = new ArrayList<>();
    for (List<? extends IterativeMatcher> rest : rests) {
      List<IterativeMatcher> chain = new ArrayList<>();
      chain.add(this);
      chain.addAll(rest);
      chains.add(chain);
    }
    return newChainMany(chains, mustBeSub);
  }

  /** Where this finds a node, report its children {@code childNumbers} instead. */
  default IterativeMatcher childrenMatcher(Set<Integer> childNumbers) {
    return new StructuralMatchers.Children(this, childNumbers);
  }

  /** Where this finds a Module, report the args whose binding symbol matches {@code symbolMatcher}. */
  default IterativeMatcher moduleArgMatcher(Matcher symbolMatcher) {
    return new StructuralMatchers.ModuleArg(this, symbolMatcher);
  }

  /** Where this finds a Module, report its spec circuit. */
  default IterativeMatcher specCircuitMatcher() {
    return new StructuralMatchers.SpecCircuit(this);
  }

  /** This, never descending into module spec circuits. */
  default IterativeMatcher filterModuleSpec() {
    return new StructuralMatchers.NoModuleSpec(this);
  }

  /** Found where this or any of {@code others} finds. */
  default IterativeMatcher or(IterativeMatcher... others) {
    List<IterativeMatcher> all = new ArrayList<>();
    all.add(this);
    all.addAll(Arrays.asList(others));
    return any(all);
  }

  /** Found where this and all of {@code others} find. */
  default IterativeMatcher and(IterativeMatcher... others) {
    List<IterativeMatcher> all = new ArrayList<>();
    all.add(this);
    all.addAll(Arrays.asList(others));
    return all(all);
  }

  // ---- operations ------------------------------------------------------------------------------

  /** The distinct nodes found in {@code circuit}, in depth-first visit order. */
  default Set<Circuit> get(Circuit circuit) {
    return new Getter().get(circuit, this);
  }

  /** The single node found; throws a {@link MatchException} unless there is exactly one. */
  default Circuit getUnique(Circuit circuit) {
    return new Getter().getUnique(circuit, this);
  }

  /** The single node found, empty if none; throws if several. */
  default Optional<Circuit> getUniqueOp(Circuit circuit) {
    return new Getter().getUniqueOp(circuit, this);
  }

  /** Whether anything is found in {@code circuit}. */
  default boolean anyFound(Circuit circuit) {
    return new AnyFound().anyFound(circuit, this);
  }

  /** Replaces what is found (post-order, path-sensitively) by {@code transform} of it. */
  default Circuit update(Circuit circuit, UnaryOperator<Circuit> transform) {
    return new Updater(transform).update(circuit, this);
  }
}
