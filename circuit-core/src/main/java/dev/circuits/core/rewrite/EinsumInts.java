package dev.circuits.core.rewrite;

import dev.circuits.core.Circuit;
import dev.circuits.core.Einsum;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Einsum axis-int bookkeeping: inlining child Einsums and renumbering ints. */
final class EinsumInts {
  private static final int MAX_INT = 255;

  private EinsumInts() {}

  /**
   * {@code e} with the children flagged in {@code inline} (which must be Einsums) replaced by their
   * operands, ints unified with a union-find (a repeated inner output axis identifies outer ints),
   * then renumbered by first appearance; null when more than 256 ints would be needed.
   */
  static Einsum inline(Einsum e, boolean[] inline) {
    Map<Integer, Integer> top = new HashMap<>();
    int[] next = {0};
    for (int k = 0; k < e.numChildren(); k++) {
      for (int a : e.inAxes(k)) {
        top.computeIfAbsent(a, x -> next[0]++);
      }
    }
    List<Map<Integer, Integer>> bottoms = new ArrayList<>();
    List<int[]> unions = new ArrayList<>();
    for (int k = 0; k < e.numChildren(); k++) {
      if (!inline[k]) {
        bottoms.add(null);
        continue;
      }
      Einsum in = (Einsum) e.child(k);
      Map<Integer, Integer> bottom = new HashMap<>();
      int[] tk = e.inAxes(k);
      int[] out = in.outAxes();
      for (int j = 0; j < out.length; j++) {
        Integer prev = bottom.putIfAbsent(out[j], top.get(tk[j]));
        if (prev != null) {
          unions.add(new int[] {prev, top.get(tk[j])});
        }
      }
      for (int c = 0; c < in.numChildren(); c++) {
        for (int a : in.inAxes(c)) {
          bottom.computeIfAbsent(a, x -> next[0]++);
        }
      }
      bottoms.add(bottom);
    }
    int[] parent = new int[next[0]];
    Arrays.setAll(parent, i -> i);
    for (int[] u : unions) {
      int a = find(parent, u[0]);
      int b = find(parent, u[1]);
      parent[Math.max(a, b)] = Math.min(a, b);
    }
    List<Circuit> nodes = new ArrayList<>();
    List<int[]> axes = new ArrayList<>();
    for (int k = 0; k < e.numChildren(); k++) {
      if (!inline[k]) {
        nodes.add(e.child(k));
        axes.add(map(e.inAxes(k), top, parent));
      } else {
        Einsum in = (Einsum) e.child(k);
        for (int c = 0; c < in.numChildren(); c++) {
          nodes.add(in.child(c));
          axes.add(map(in.inAxes(c), bottoms.get(k), parent));
        }
      }
    }
    return normalized(nodes, axes, map(e.outAxes(), top, parent), e);
  }

  private static int find(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }

  private static int[] map(int[] ints, Map<Integer, Integer> m, int[] parent) {
    return Arrays.stream(ints).map(i -> find(parent, m.get(i))).toArray();
  }

  /** {@code e} with ints renumbered by first appearance over the operands (rust's normalize_ints). */
  static Einsum normalize(Einsum e) {
    List<int[]> axes = new ArrayList<>();
    for (int k = 0; k < e.numChildren(); k++) {
      axes.add(e.inAxes(k));
    }
    return normalized(e.children(), axes, e.outAxes(), e);
  }

  /**
   * An Einsum of {@code nodes} with the given (raw) ints renumbered by first appearance, named
   * like {@code like}; null when more than 256 ints are needed.
   */
  static Einsum normalized(List<Circuit> nodes, List<int[]> axes, int[] out, Circuit like) {
    Map<Integer, Integer> m = new HashMap<>();
    List<int[]> renumbered = new ArrayList<>();
    for (int[] a : axes) {
      renumbered.add(Arrays.stream(a).map(i -> m.computeIfAbsent(i, x -> m.size())).toArray());
    }
    if (m.size() > MAX_INT + 1) {
      return null;
    }
    List<Einsum.Arg> args = new ArrayList<>();
    for (int k = 0; k < nodes.size(); k++) {
      args.add(new Einsum.Arg(nodes.get(k), renumbered.get(k)));
    }
    int[] newOut = Arrays.stream(out).map(m::get).toArray();
    return (Einsum) Names.keep(Einsum.of(args, newOut, like.name()), like);
  }
}
