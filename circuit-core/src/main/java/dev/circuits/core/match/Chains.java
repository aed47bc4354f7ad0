package dev.circuits.core.match;

import dev.circuits.core.Circuit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A set of chains (paths of matchers). A node is found when the head of a length-1 chain matches
 * it. When a head matches, the tail is tried on the same node as a new chain; the head's updated
 * matcher also continues. {@code IterativeMatcher.any} is a set of length-1 chains.
 */
record Chains(Set<ChainItem> chains) implements IterativeMatcher {
  Chains {
    chains = Collections.unmodifiableSet(new LinkedHashSet<>(chains));
  }

  /** One chain: {@code first}, then {@code rest} in order. */
  record ChainItem(IterativeMatcher first, List<IterativeMatcher> rest) {
    ChainItem {
      rest = List.copyOf(rest);
    }

    ChainItem withFirst(IterativeMatcher newFirst) {
      return new ChainItem(newFirst, rest);
    }

    ChainItem tail() {
      return new ChainItem(rest.get(0), rest.subList(1, rest.size()));
    }

    IterativeMatcher last() {
      return rest.isEmpty() ? first : rest.get(rest.size() - 1);
    }

    @Override
    public String toString() {
      if (rest.isEmpty()) {
        return first.toString();
      }
      List<String> items = new ArrayList<>();
      items.add(first.toString());
      rest.forEach(m -> items.add(m.toString()));
      return "[" + MatcherFormat.maybeIndentedList(items, " -> ", true, true) + "]";
    }
  }

  /** Continuations collected while matching one node. */
  private static final class Continuations {
    final Set<ChainItem> forAll = new LinkedHashSet<>();
    final List<List<Optional<ChainItem>>> perChild = new ArrayList<>();
  }

  @Override
  public IterateMatchResults matchIterate(Circuit circuit) {
    Continuations next = new Continuations();
    boolean anyChainFinished = false;
    for (ChainItem chain : chains) {
      anyChainFinished |= runItem(chain, circuit, next);
    }
    Updated updated;
    if (!next.perChild.isEmpty()) {
      int n = circuit.numChildren();
      List<Set<ChainItem>> out = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        out.add(new LinkedHashSet<>(next.forAll));
      }
      for (List<Optional<ChainItem>> items : next.perChild) {
        for (int i = 0; i < n; i++) {
          int child = i;
          items.get(i).ifPresent(x -> out.get(child).add(x));
        }
      }
      List<Optional<IterativeMatcher>> perChild = new ArrayList<>();
      for (Set<ChainItem> s : out) {
        perChild.add(s.isEmpty() ? Optional.empty() : Optional.of(new Chains(s)));
      }
      updated = Updated.perChild(perChild);
    } else if (next.forAll.equals(chains)) {
      updated = Updated.same();
    } else if (next.forAll.isEmpty()) {
      updated = Updated.finished();
    } else {
      updated = Updated.to(new Chains(next.forAll));
    }
    return new IterateMatchResults(updated, anyChainFinished);
  }

  /** Runs one chain on the node; true when a whole chain has matched (the node is found). */
  private static boolean runItem(ChainItem chain, Circuit circuit, Continuations next) {
    ChainItem current = chain;
    while (true) {
      IterateMatchResults r = current.first().matchIterate(circuit);
      Updated u = r.updated();
      if (!u.allFinished()) {
        if (u instanceof Updated.Same) {
          next.forAll.add(current);
        } else if (u instanceof Updated.One one) {
          next.forAll.add(current.withFirst(one.matcher()));
        } else if (u instanceof Updated.PerChild pc) {
          pc.forChildren(current.first(), circuit.numChildren());
          List<Optional<ChainItem>> items = new ArrayList<>();
          ChainItem base = current;
          pc.matchers().forEach(m -> items.add(m.map(base::withFirst)));
          next.perChild.add(items);
        }
      }
      if (!r.found()) {
        return false;
      }
      if (current.rest().isEmpty()) {
        return true;
      }
      current = current.tail();
    }
  }

  @Override
  public void validateMatched(Set<Circuit> matched) {
    for (ChainItem c : chains) {
      c.last().validateMatched(matched);
    }
  }

  @Override
  public String toString() {
    if (chains.size() == 1) {
      return chains.iterator().next().toString();
    }
    List<String> items = chains.stream().map(ChainItem::toString).toList();
    return "Any(" + MatcherFormat.maybeIndentedList(items, ", ", false, true) + ")";
  }
}
