package dev.circuits.core.match;

import dev.circuits.core.Circuit;
import dev.circuits.core.HashKey;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/** Static entry points for getting and rewriting, and whole-graph maps that need no matcher. */
public final class CircuitManipulation {
  private CircuitManipulation() {}

  /** The distinct nodes {@code matcher} finds in {@code circuit}, in visit order. */
  public static Set<Circuit> get(Circuit circuit, IterativeMatcher matcher) {
    return new Getter().get(circuit, matcher);
  }

  /** The single node {@code matcher} finds; throws a {@link MatchException} unless exactly one. */
  public static Circuit getUnique(Circuit circuit, IterativeMatcher matcher) {
    return new Getter().getUnique(circuit, matcher);
  }

  /** {@code circuit} with what {@code matcher} finds replaced by {@code transform} of it. */
  public static Circuit update(Circuit circuit, IterativeMatcher matcher,
      UnaryOperator<Circuit> transform) {
    return new Updater(transform).update(circuit, matcher);
  }

  /** As {@link #update(Circuit, IterativeMatcher, UnaryOperator)} with {@code options}. */
  public static Circuit update(Circuit circuit, IterativeMatcher matcher,
      UnaryOperator<Circuit> transform, UpdateOptions options) {
    return new Updater(transform, options).update(circuit, matcher);
  }

  /**
   * Replaces every node equal (by hash) to a key of {@code replacements} by its value, top-down;
   * replacements are not searched again.
   */
  public static Circuit replaceNodes(Circuit circuit, Map<Circuit, Circuit> replacements) {
    Map<HashKey, Circuit> byHash = new HashMap<>();
    replacements.forEach((k, v) -> byHash.put(HashKey.of(k), v));
    return Walk.run(circuit, Boolean.TRUE, new Walk.Handler<Boolean, Circuit, Circuit>() {
      @Override
      public Walk.Visit<Boolean, Circuit> enter(Circuit c, Boolean s) {
        Circuit r = byHash.get(HashKey.of(c));
        return r != null ? Walk.Visit.leaf(r) : descend(null, c);
      }

      @Override
      public Circuit exit(Circuit c, Boolean s, Walk.Visit<Boolean, Circuit> v,
          List<Circuit> results) {
        return v.note() != null ? v.note() : Rebuild.withChildren(c, Rebuild.children(c, results));
      }
    }, new HashMap<>());
  }

  /** Maps every node bottom-up: {@code f} sees each node rebuilt with its mapped children. */
  public static Circuit deepMap(Circuit circuit, UnaryOperator<Circuit> f) {
    Map<HashKey, Circuit> mapped = new HashMap<>();
    for (Circuit c : circuit.postOrder()) {
      List<Circuit> children = new ArrayList<>(c.numChildren());
      for (Circuit child : c.children()) {
        children.add(mapped.get(HashKey.of(child)));
      }
      mapped.put(HashKey.of(c), Rebuild.apply(f, Rebuild.withChildren(c, children)));
    }
    return mapped.get(HashKey.of(circuit));
  }

  /** Maps top-down: {@code f} is applied to a node first, then to the children of its result. */
  public static Circuit deepMapPreorder(Circuit circuit, UnaryOperator<Circuit> f) {
    return Walk.run(circuit, Boolean.TRUE, new Walk.Handler<Boolean, Circuit, Circuit>() {
      @Override
      public Walk.Visit<Boolean, Circuit> enter(Circuit c, Boolean s) {
        return descend(Rebuild.apply(f, c), null);
      }

      @Override
      public Circuit exit(Circuit c, Boolean s, Walk.Visit<Boolean, Circuit> v,
          List<Circuit> results) {
        return Rebuild.withChildren(v.note(), Rebuild.children(v.note(), results));
      }
    }, new HashMap<>());
  }

  /** Visits the children of {@code note} (or of {@code c} when the note is null). */
  private static Walk.Visit<Boolean, Circuit> descend(Circuit note, Circuit c) {
    Circuit of = note != null ? note : c;
    return new Walk.Visit<>(note, of.children(),
        Collections.nCopies(of.numChildren(), Boolean.TRUE));
  }

  /** The distinct nodes satisfying {@code predicate}, in pre-order. */
  public static Set<Circuit> filterNodes(Circuit circuit, Predicate<Circuit> predicate) {
    Set<Circuit> out = new LinkedHashSet<>();
    for (Circuit c : preOrder(circuit)) {
      if (predicate.test(c)) {
        out.add(c);
      }
    }
    return out;
  }

  /** The number of distinct nodes (by hash). */
  public static int countNodes(Circuit circuit) {
    return circuit.postOrder().size();
  }

  /** The distinct nodes, parents before children (depth-first pre-order, children in order). */
  public static List<Circuit> preOrder(Circuit circuit) {
    List<Circuit> out = new ArrayList<>();
    Set<HashKey> seen = new HashSet<>();
    Deque<Circuit> stack = new ArrayDeque<>();
    stack.push(circuit);
    while (!stack.isEmpty()) {
      Circuit c = stack.pop();
      if (!seen.add(HashKey.of(c))) {
        continue;
      }
      out.add(c);
      for (int i = c.numChildren() - 1; i >= 0; i--) {
        stack.push(c.child(i));
      }
    }
    return out;
  }
}
