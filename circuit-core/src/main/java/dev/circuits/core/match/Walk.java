package dev.circuits.core.match;

import dev.circuits.core.Circuit;
import dev.circuits.core.HashKey;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A memoised depth-first walk over (circuit, traversal state) pairs with an explicit stack, so deep
 * circuits cannot overflow the call stack. Getters, updaters and expanders are handlers of it.
 */
final class Walk {
  private Walk() {}

  /** A memo key: the circuit's hash and the traversal state. */
  record Key<S>(HashKey hash, S state) {
    static <S> Key<S> of(Circuit c, S state) {
      return new Key<>(HashKey.of(c), state);
    }
  }

  /**
   * What entering a node decided: a note for {@link Handler#exit}, the children to consider and the
   * state for each ({@code null}: not visited).
   */
  record Visit<S, N>(N note, List<Circuit> children, List<S> childStates) {
    /** A visit that descends into none of the children. */
    static <S, N> Visit<S, N> leaf(N note) {
      return new Visit<>(note, List.of(), List.of());
    }
  }

  /** Callbacks of a walk. */
  interface Handler<S, N, R> {
    /** Called when a (circuit, state) pair is first reached. */
    Visit<S, N> enter(Circuit circuit, S state);

    /** Called after the children; {@code childResults} has null where a child was not visited. */
    R exit(Circuit circuit, S state, Visit<S, N> visit, List<R> childResults);
  }

  /** Converts per-child updates to a nullable list (Optional does not fit the generic states). */
  static List<IterativeMatcher> nullable(List<Optional<IterativeMatcher>> perChild) {
    List<IterativeMatcher> out = new ArrayList<>(perChild.size());
    for (Optional<IterativeMatcher> m : perChild) {
      out.add(m.orElse(null));
    }
    return out;
  }

  /** Runs {@code m} on {@code c}: the note is whether {@code c} is found; children per the update. */
  static Visit<IterativeMatcher, Boolean> matching(Circuit c, IterativeMatcher m) {
    IterateMatchResults r = m.matchIterate(c);
    return new Visit<>(r.found(), c.children(),
        nullable(r.updated().forChildren(m, c.numChildren())));
  }

  private static final class Frame<S, N, R> {
    final Circuit circuit;
    final S state;
    final Key<S> key;
    final Visit<S, N> visit;
    final List<R> results;
    int next;

    Frame(Circuit circuit, S state, Key<S> key, Visit<S, N> visit) {
      this.circuit = circuit;
      this.state = state;
      this.key = key;
      this.visit = visit;
      this.results = new ArrayList<>(visit.children().size());
    }
  }

  /** Runs the walk from {@code root}; {@code memo} (may be null: no memoisation) caches results. */
  static <S, N, R> R run(Circuit root, S state, Handler<S, N, R> handler, Map<Key<S>, R> memo) {
    Key<S> rootKey = Key.of(root, state);
    if (memo != null) {
      R hit = memo.get(rootKey);
      if (hit != null) {
        return hit;
      }
    }
    Deque<Frame<S, N, R>> stack = new ArrayDeque<>();
    stack.push(new Frame<>(root, state, rootKey, handler.enter(root, state)));
    while (true) {
      Frame<S, N, R> f = stack.peek();
      if (f.next < f.visit.children().size()) {
        int i = f.next++;
        S childState = f.visit.childStates().get(i);
        if (childState == null) {
          f.results.add(null);
          continue;
        }
        Circuit child = f.visit.children().get(i);
        Key<S> key = Key.of(child, childState);
        R hit = memo == null ? null : memo.get(key);
        if (hit != null) {
          f.results.add(hit);
        } else {
          stack.push(new Frame<>(child, childState, key, handler.enter(child, childState)));
        }
        continue;
      }
      stack.pop();
      R r = handler.exit(f.circuit, f.state, f.visit, f.results);
      if (memo != null) {
        memo.put(f.key, r);
      }
      if (stack.isEmpty()) {
        return r;
      }
      stack.peek().results.add(r);
    }
  }
}
