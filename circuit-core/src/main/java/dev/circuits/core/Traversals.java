package dev.circuits.core;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** Iterative (stack-safe) depth-first walks, children before parents. */
public final class Traversals {
  private Traversals() {}

  /**
   * Walks from {@code root} (always entered) without recursion: for each edge, {@code onEdge}
   * sees it and {@code enter} decides whether to walk into the child; {@code onExit} runs once per
   * entered node after all its children.
   */
  public static void walk(Circuit root, BiConsumer<Circuit, Circuit> onEdge,
      Predicate<Circuit> enter, Consumer<Circuit> onExit) {
    Deque<Object[]> stack = new ArrayDeque<>();
    stack.push(new Object[] {root, 0});
    while (!stack.isEmpty()) {
      Object[] top = stack.peek();
      Circuit c = (Circuit) top[0];
      int i = (Integer) top[1];
      if (i < c.numChildren()) {
        top[1] = i + 1;
        Circuit child = c.child(i);
        onEdge.accept(c, child);
        if (enter.test(child)) {
          stack.push(new Object[] {child, 0});
        }
      } else {
        stack.pop();
        onExit.accept(c);
      }
    }
  }

  /**
   * Runs {@code store} on {@code root} and each descendant for which {@code done} is false,
   * children first (a node's {@code done} descendants are not entered).
   */
  static void bottomUp(Circuit root, Predicate<Circuit> done, Consumer<Circuit> store) {
    Set<Circuit> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    seen.add(root);
    walk(root, (p, c) -> { }, child -> !done.test(child) && seen.add(child), store);
  }

  static void postOrder(Circuit root, Set<HashKey> seen, List<Circuit> out) {
    if (seen.add(HashKey.of(root))) {
      walk(root, (p, c) -> { }, child -> seen.add(HashKey.of(child)), out::add);
    }
  }
}
