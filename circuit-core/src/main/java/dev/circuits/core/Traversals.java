package dev.circuits.core;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/** Iterative (stack-safe) graph walks shared by the library. */
final class Traversals {
  private Traversals() {}

  /** Computes the hashes of {@code root} and its unhashed descendants, children first. */
  static void hashBottomUp(Circuit root) {
    Deque<Object[]> stack = new ArrayDeque<>();
    Set<Circuit> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    seen.add(root);
    stack.push(new Object[] {root, 0});
    while (!stack.isEmpty()) {
      Object[] top = stack.peek();
      Circuit c = (Circuit) top[0];
      int i = (Integer) top[1];
      if (i < c.numChildren()) {
        top[1] = i + 1;
        Circuit child = c.child(i);
        if (!child.hasHash() && seen.add(child)) {
          stack.push(new Object[] {child, 0});
        }
      } else {
        stack.pop();
        c.storeHash();
      }
    }
  }

  static void postOrder(Circuit root, Set<HashKey> seen, List<Circuit> out) {
    Deque<Object[]> stack = new ArrayDeque<>();
    if (!seen.add(HashKey.of(root))) {
      return;
    }
    stack.push(new Object[] {root, 0});
    while (!stack.isEmpty()) {
      Object[] top = stack.peek();
      Circuit c = (Circuit) top[0];
      int i = (Integer) top[1];
      if (i < c.numChildren()) {
        top[1] = i + 1;
        Circuit child = c.child(i);
        if (seen.add(HashKey.of(child))) {
          stack.push(new Object[] {child, 0});
        }
      } else {
        stack.pop();
        out.add(c);
      }
    }
  }
}
