package dev.circuits.core.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The data-independent part of an einsum: for each operand, which diagonal to take and which
 * private axes to sum; then the pairwise contraction order (greedy: smallest intermediate first)
 * with each pair's batch / contracted / left-only / right-only ints. Memory layouts are decided
 * when the plan runs, since they depend on the operands' strides.
 */
final class EinsumPlan {
  /** Per-operand reduction: diagonal over repeated ints (when {@code diagInts} is non-null), then sums. */
  record Prep(int[] diagInts, int[] sumAxes, int[] ints) {}

  /**
   * Contract working operands {@code a} and {@code b} (indices into the working list); the result
   * replaces the lower index and the other is removed. Ints private to one side and not needed
   * later are summed first ({@code aSumAxes}/{@code bSumAxes} are positions in that side's ints).
   */
  record Step(int a, int b, int[] aInts, int[] bInts, int[] aSumAxes, int[] bSumAxes,
      int[] batch, int[] contracted, int[] left, int[] right, int[] resultInts) {}

  private final int[][] inAxes;
  private final Prep[] preps;
  private final Step[] steps;
  private final int[] finalInts;
  private final int[] outAxes;
  private final Map<Integer, Long> sizes;

  private EinsumPlan(int[][] inAxes, Prep[] preps, Step[] steps, int[] finalInts, int[] outAxes,
      Map<Integer, Long> sizes) {
    this.inAxes = inAxes;
    this.preps = preps;
    this.steps = steps;
    this.finalInts = finalInts;
    this.outAxes = outAxes;
    this.sizes = sizes;
  }

  /** The axis ints of an operand as given. */
  int[] operandAxes(int operand) {
    return inAxes[operand];
  }

  Prep prep(int operand) {
    return preps[operand];
  }

  Step[] steps() {
    return steps;
  }

  /** The ints of the single operand left after all steps (same set as the output's). */
  int[] finalInts() {
    return finalInts;
  }

  int[] outAxes() {
    return outAxes;
  }

  long size(int axisInt) {
    return sizes.get(axisInt);
  }

  long[] sizesOf(int[] ints) {
    long[] s = new long[ints.length];
    for (int i = 0; i < ints.length; i++) {
      s[i] = sizes.get(ints[i]);
    }
    return s;
  }

  /** Plans an einsum over operands with these axes and shapes. */
  static EinsumPlan of(int[][] inAxes, long[][] shapes, int[] outAxes) {
    Map<Integer, Long> sizes = new HashMap<>();
    for (int k = 0; k < inAxes.length; k++) {
      for (int i = 0; i < inAxes[k].length; i++) {
        sizes.put(inAxes[k][i], shapes[k][i]);
      }
    }
    Set<Integer> out = setOf(outAxes);
    Prep[] preps = new Prep[inAxes.length];
    List<int[]> work = new ArrayList<>();
    for (int k = 0; k < inAxes.length; k++) {
      int[] unique = unique(inAxes[k]);
      int[] diag = unique.length == inAxes[k].length ? null : unique;
      Set<Integer> elsewhere = new LinkedHashSet<>(out);
      for (int j = 0; j < inAxes.length; j++) {
        if (j != k) {
          elsewhere.addAll(setOf(inAxes[j]));
        }
      }
      List<Integer> sumAxes = new ArrayList<>();
      List<Integer> kept = new ArrayList<>();
      for (int p = 0; p < unique.length; p++) {
        if (elsewhere.contains(unique[p])) {
          kept.add(unique[p]);
        } else {
          sumAxes.add(p);
        }
      }
      preps[k] = new Prep(diag, toArray(sumAxes), toArray(kept));
      work.add(preps[k].ints());
    }
    List<Step> steps = new ArrayList<>();
    int[] uniqueOut = unique(outAxes);
    while (work.size() > 1) {
      steps.add(nextStep(work, out, uniqueOut, sizes));
    }
    int[] finalInts = work.isEmpty() ? new int[0] : work.get(0);
    return new EinsumPlan(copy(inAxes), preps, steps.toArray(new Step[0]), finalInts, outAxes.clone(), sizes);
  }

  private static Step nextStep(List<int[]> work, Set<Integer> out, int[] uniqueOut,
      Map<Integer, Long> sizes) {
    int bestI = 0;
    int bestJ = 1;
    double bestSize = Double.MAX_VALUE;
    for (int i = 0; i < work.size(); i++) {
      for (int j = i + 1; j < work.size(); j++) {
        double s = 1;
        for (int x : resultSet(work, i, j, out)) {
          s *= sizes.get(x);
        }
        if (s < bestSize) {
          bestSize = s;
          bestI = i;
          bestJ = j;
        }
      }
    }
    Set<Integer> needed = neededBeyond(work, bestI, bestJ, out);
    int[] a = work.get(bestI);
    int[] b = work.get(bestJ);
    Set<Integer> aSet = setOf(a);
    Set<Integer> bSet = setOf(b);
    List<Integer> aSum = new ArrayList<>();
    List<Integer> bSum = new ArrayList<>();
    List<Integer> batch = new ArrayList<>();
    List<Integer> contracted = new ArrayList<>();
    List<Integer> left = new ArrayList<>();
    List<Integer> right = new ArrayList<>();
    for (int p = 0; p < a.length; p++) {
      int x = a[p];
      if (bSet.contains(x)) {
        (needed.contains(x) ? batch : contracted).add(x);
      } else if (needed.contains(x)) {
        left.add(x);
      } else {
        aSum.add(p);
      }
    }
    for (int p = 0; p < b.length; p++) {
      int x = b[p];
      if (!aSet.contains(x)) {
        if (needed.contains(x)) {
          right.add(x);
        } else {
          bSum.add(p);
        }
      }
    }
    boolean last = work.size() == 2;
    boolean swap = last && !left.isEmpty() && !right.isEmpty()
        && indexOf(uniqueOut, right.get(0)) < indexOf(uniqueOut, left.get(0));
    int[] resultInts = concat(batch, swap ? right : left, swap ? left : right);
    Step step = swap
        ? new Step(bestJ, bestI, b, a, toArray(bSum), toArray(aSum), toArray(batch),
            toArray(contracted), toArray(right), toArray(left), resultInts)
        : new Step(bestI, bestJ, a, b, toArray(aSum), toArray(bSum), toArray(batch),
            toArray(contracted), toArray(left), toArray(right), resultInts);
    work.set(bestI, resultInts);
    work.remove(bestJ);
    return step;
  }

  private static Set<Integer> neededBeyond(List<int[]> work, int i, int j, Set<Integer> out) {
    Set<Integer> needed = new LinkedHashSet<>(out);
    for (int k = 0; k < work.size(); k++) {
      if (k != i && k != j) {
        needed.addAll(setOf(work.get(k)));
      }
    }
    return needed;
  }

  private static Set<Integer> resultSet(List<int[]> work, int i, int j, Set<Integer> out) {
    Set<Integer> needed = neededBeyond(work, i, j, out);
    Set<Integer> r = new LinkedHashSet<>();
    for (int[] side : new int[][] {work.get(i), work.get(j)}) {
      for (int x : side) {
        if (needed.contains(x)) {
          r.add(x);
        }
      }
    }
    return r;
  }

  private static int[][] copy(int[][] a) {
    int[][] out = new int[a.length][];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i].clone();
    }
    return out;
  }

  static int[] unique(int[] ints) {
    return Arrays.stream(ints).distinct().toArray();
  }

  static int indexOf(int[] ints, int x) {
    for (int i = 0; i < ints.length; i++) {
      if (ints[i] == x) {
        return i;
      }
    }
    return -1;
  }

  private static Set<Integer> setOf(int[] ints) {
    Set<Integer> s = new LinkedHashSet<>();
    for (int x : ints) {
      s.add(x);
    }
    return s;
  }

  private static int[] toArray(List<Integer> l) {
    return l.stream().mapToInt(Integer::intValue).toArray();
  }

  @SafeVarargs
  private static int[] concat(List<Integer>... parts) {
    List<Integer> all = new ArrayList<>();
    for (List<Integer> p : parts) {
      all.addAll(p);
    }
    return toArray(all);
  }
}
