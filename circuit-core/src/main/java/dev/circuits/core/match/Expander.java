package dev.circuits.core.match;

import dev.circuits.core.Circuit;
import dev.circuits.core.ExpandNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Several (matcher, transform) replacements in one top-down pass: a found node is replaced by its
 * transform (the first matching rule wins) and not explored further; ancestors are rebuilt with
 * {@link ExpandNode#expand}, so replacements may add leading batch dims that propagate to the root.
 * Changed ancestors are renamed {@code "{name}_{suffix}"} when a suffix is set. Example:
 * {@code Expander.builder().replace(Matcher.named("tokens"), t -> batched).build().expand(model)}.
 */
public final class Expander {
  /** One replacement: nodes {@code matcher} finds become {@code transform} of themselves. */
  public record Rule(IterativeMatcher matcher, UnaryOperator<Circuit> transform) {
    /** Checks both are present. */
    public Rule {
      Objects.requireNonNull(matcher, "matcher");
      Objects.requireNonNull(transform, "transform");
    }
  }

  private final List<Rule> rules;
  private final List<IterativeMatcher> matchers;
  private final boolean banMultipleMatchesOnNode;
  private final String suffix;
  private final boolean defaultAssertAnyFound;
  private final Map<Walk.Key<List<IterativeMatcher>>, UpdateOutput> cache =
      new ConcurrentHashMap<>();

  private Expander(Builder b) {
    this.rules = List.copyOf(b.rules);
    this.matchers = rules.stream().map(Rule::matcher).toList();
    this.banMultipleMatchesOnNode = b.banMultipleMatchesOnNode;
    this.suffix = b.suffix;
    this.defaultAssertAnyFound = b.assertAnyFound;
  }

  /** Starts an expander. */
  public static Builder builder() {
    return new Builder();
  }

  /** An expander with the single rule {@code matcher -> transform}. */
  public static Expander of(IterativeMatcher matcher, UnaryOperator<Circuit> transform) {
    return builder().replace(matcher, transform).build();
  }

  /** The rules, in priority order. */
  public List<Rule> rules() {
    return rules;
  }

  /** Applies the replacements to {@code circuit}. */
  public Circuit expand(Circuit circuit) {
    return expand(circuit, false, defaultAssertAnyFound);
  }

  /** As {@link #expand(Circuit)}, fancy-validating each matcher first and/or asserting a match. */
  public Circuit expand(Circuit circuit, boolean fancyValidate, boolean assertAnyFound) {
    if (fancyValidate) {
      Getter g = new Getter();
      matchers.forEach(m -> g.validate(circuit, m));
    }
    UpdateOutput out = Walk.run(circuit, matchers, new Handler(), cache);
    if (assertAnyFound && !out.anyFound()) {
      throw new MatchException(MatchException.Reason.NO_MATCHES_FOUND,
          "No matches found during expand\nmatchers: " + matchers + ", circuit: "
              + circuit.describe());
    }
    return out.updated();
  }

  private final class Handler
      implements Walk.Handler<List<IterativeMatcher>, UpdateOutput, UpdateOutput> {
    @Override
    public Walk.Visit<List<IterativeMatcher>, UpdateOutput> enter(Circuit c,
        List<IterativeMatcher> ms) {
      List<IterateMatchResults> results = new ArrayList<>(ms.size());
      int firstFound = -1;
      int numFound = 0;
      for (int i = 0; i < ms.size(); i++) {
        IterateMatchResults r = ms.get(i).matchIterate(c);
        results.add(r);
        if (r.found()) {
          numFound++;
          firstFound = firstFound < 0 ? i : firstFound;
        }
      }
      if (firstFound >= 0) {
        if (banMultipleMatchesOnNode && numFound != 1) {
          throw new MatchException(MatchException.Reason.MULTIPLE_MATCHES,
              "multiple matches! got " + numFound + " != 1 on " + c.describe());
        }
        Circuit replaced = Rebuild.apply(rules.get(firstFound).transform(), c);
        return Walk.Visit.leaf(new UpdateOutput(replaced, true));
      }
      if (results.stream().allMatch(r -> r.updated().allFinished())) {
        return Walk.Visit.leaf(new UpdateOutput(c, false));
      }
      int n = c.numChildren();
      List<List<IterativeMatcher>> perChild = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        perChild.add(new ArrayList<>(ms.size()));
      }
      for (int j = 0; j < ms.size(); j++) {
        List<Optional<IterativeMatcher>> next = results.get(j).updated().forChildren(ms.get(j), n);
        for (int i = 0; i < n; i++) {
          perChild.get(i).add(next.get(i).orElseGet(IterativeMatcher::term));
        }
      }
      return new Walk.Visit<>(null, c.children(),
          perChild.stream().map(List::copyOf).toList());
    }

    @Override
    public UpdateOutput exit(Circuit c, List<IterativeMatcher> ms,
        Walk.Visit<List<IterativeMatcher>, UpdateOutput> v, List<UpdateOutput> childResults) {
      if (v.note() != null) {
        return v.note();
      }
      boolean anyFound = false;
      List<Circuit> children = new ArrayList<>(c.numChildren());
      for (UpdateOutput r : childResults) {
        anyFound |= r.anyFound();
        children.add(r.updated());
      }
      Circuit expanded = ExpandNode.expand(c, children);
      if (suffix != null && expanded.isNamed() && !expanded.equals(c)) {
        expanded = expanded.rename(expanded.name() + "_" + suffix);
      }
      return new UpdateOutput(expanded, anyFound);
    }
  }

  /** Collects rules and options. */
  public static final class Builder {
    private final List<Rule> rules = new ArrayList<>();
    private boolean banMultipleMatchesOnNode;
    private String suffix;
    private boolean assertAnyFound;

    private Builder() {}

    /** Adds the rule {@code matcher -> transform} (earlier rules win on the same node). */
    public Builder replace(IterativeMatcher matcher, UnaryOperator<Circuit> transform) {
      rules.add(new Rule(matcher, transform));
      return this;
    }

    /** Makes several rules matching one node an error instead of "first wins". */
    public Builder banMultipleMatchesOnNode(boolean on) {
      this.banMultipleMatchesOnNode = on;
      return this;
    }

    /** Renames changed ancestors {@code "{name}_{suffix}"}. */
    public Builder suffix(String s) {
      this.suffix = s;
      return this;
    }

    /** Makes {@link Expander#expand(Circuit)} fail when nothing matched. */
    public Builder assertAnyFound(boolean on) {
      this.assertAnyFound = on;
      return this;
    }

    /** The expander. */
    public Expander build() {
      return new Expander(this);
    }
  }
}
