package dev.circuits.core.eval;

import dev.circuits.core.Circuit;
import dev.circuits.core.Einsum;
import dev.circuits.core.Kind;
import dev.circuits.core.Scalar;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Evaluates an Einsum: folds constant Scalar operands into one factor, takes diagonals and sums
 * private axes per operand, contracts pairs by GEMM ({@link Contraction}) and finally permutes to
 * the output order, building a diagonal for repeated output ints.
 */
final class EinsumKernel {
  private final EinsumPlanner planner;
  private final DataType dtype;

  EinsumKernel(EinsumPlanner planner, DataType dtype) {
    this.planner = planner;
    this.dtype = dtype;
  }

  Value compute(Einsum e, List<Value> inputs) {
    int[] out = e.outAxes();
    Set<Integer> outSet = new HashSet<>();
    for (int o : out) {
      outSet.add(o);
    }
    boolean[] folded = foldableScalars(e, outSet);
    double factor = 1.0;
    List<Integer> kept = new ArrayList<>();
    for (int k = 0; k < e.numChildren(); k++) {
      if (folded[k]) {
        factor *= ((Scalar) e.child(k)).value();
      } else {
        kept.add(k);
      }
    }
    factor *= sizeOfIntsOnlyInFolded(e, folded, outSet);
    try (Scratch scratch = new Scratch()) {
      List<Held> ops = new ArrayList<>();
      int[][] axes = new int[kept.size()][];
      long[][] shapes = new long[kept.size()][];
      for (int i = 0; i < kept.size(); i++) {
        int k = kept.get(i);
        INDArray a = inputs.get(k).array();
        ops.add(a.dataType() == dtype ? Held.input(a) : Held.fresh(a.castTo(dtype), scratch));
        axes[i] = e.inAxes(k);
        shapes[i] = e.child(k).shape().toArray();
      }
      Held result = ops.isEmpty()
          ? Held.fresh(Nd4j.scalar(dtype, 1.0), scratch)
          : run(planner.plan(axes, shapes, out), ops, scratch);
      if (factor != 1.0) {
        result = result.base() != null ? result.withArray(result.array().muli(factor))
            : result.replacedBy(Held.fresh(result.array().mul(factor), scratch), scratch);
      }
      // Only a single operand needing no reduction yields a view of an input (base == null).
      return result.toValue(result.base() == null ? inputs.get(kept.get(0)) : null, scratch);
    }
  }

  private static Held run(EinsumPlan plan, List<Held> inputs, Scratch scratch) {
    List<Held> work = new ArrayList<>();
    for (int k = 0; k < inputs.size(); k++) {
      EinsumPlan.Prep p = plan.prep(k);
      Held h = inputs.get(k);
      if (p.diagInts() != null) {
        h = diagonal(h, plan.operandAxes(k), p.diagInts(), scratch);
      }
      work.add(h.sum(p.sumAxes(), scratch));
    }
    for (EinsumPlan.Step s : plan.steps()) {
      Held r = Contraction.run(plan, s, work.get(s.a()), work.get(s.b()), scratch);
      int lo = Math.min(s.a(), s.b());
      int hi = Math.max(s.a(), s.b());
      work.set(lo, r);
      work.remove(hi);
    }
    return output(plan, work.get(0), scratch);
  }

  /** The diagonal over repeated ints: a strided view, copied to dense memory. */
  private static Held diagonal(Held h, int[] axes, int[] unique, Scratch scratch) {
    INDArray a = h.array();
    long[] stride = a.stride();
    long[] shape = new long[unique.length];
    long[] strides = new long[unique.length];
    for (int u = 0; u < unique.length; u++) {
      for (int p = 0; p < axes.length; p++) {
        if (axes[p] == unique[u]) {
          shape[u] = a.size(p);
          strides[u] += stride[p];
        }
      }
    }
    if (a.length() == 0) {
      return h.replacedBy(Held.fresh(Nd4j.create(a.dataType(), shape), scratch), scratch);
    }
    INDArray copy = NdViews.strided(a, shape, strides, 0).dup('c');
    return h.replacedBy(Held.fresh(copy, scratch), scratch);
  }

  /** Permutes the last operand to the output order; repeated output ints become a diagonal. */
  private static Held output(EinsumPlan plan, Held last, Scratch scratch) {
    int[] out = plan.outAxes();
    int[] unique = EinsumPlan.unique(out);
    Held ordered = last.permute(Contraction.permutation(plan.finalInts(), unique));
    if (unique.length == out.length) {
      return ordered;
    }
    INDArray full = Nd4j.zeros(ordered.array().dataType(), plan.sizesOf(out));
    long[] cs = NdViews.cStrides(full.shape());
    long[] strides = new long[unique.length];
    for (int p = 0; p < out.length; p++) {
      strides[EinsumPlan.indexOf(unique, out[p])] += cs[p];
    }
    if (full.length() > 0) {
      NdViews.strided(full, plan.sizesOf(unique), strides, 0).assign(ordered.array());
    }
    return ordered.replacedBy(Held.fresh(full, scratch), scratch);
  }

  /** Scalar operands whose every int is summed away or carried by a non-Scalar operand. */
  private static boolean[] foldableScalars(Einsum e, Set<Integer> outSet) {
    Set<Integer> carried = new HashSet<>();
    for (int k = 0; k < e.numChildren(); k++) {
      if (e.child(k).kind() != Kind.SCALAR) {
        for (int x : e.inAxes(k)) {
          carried.add(x);
        }
      }
    }
    boolean[] folded = new boolean[e.numChildren()];
    for (int k = 0; k < e.numChildren(); k++) {
      Circuit c = e.child(k);
      folded[k] = c.kind() == Kind.SCALAR
          && Arrays.stream(e.inAxes(k)).allMatch(x -> carried.contains(x) || !outSet.contains(x));
    }
    return folded;
  }

  /** Product of the sizes of ints that only folded scalars carry (each summed over once). */
  private static double sizeOfIntsOnlyInFolded(Einsum e, boolean[] folded, Set<Integer> outSet) {
    Set<Integer> keptInts = new HashSet<>();
    for (int k = 0; k < e.numChildren(); k++) {
      if (!folded[k]) {
        for (int x : e.inAxes(k)) {
          keptInts.add(x);
        }
      }
    }
    Set<Integer> counted = new HashSet<>();
    double f = 1.0;
    for (int k = 0; k < e.numChildren(); k++) {
      if (folded[k]) {
        int[] ax = e.inAxes(k);
        for (int p = 0; p < ax.length; p++) {
          if (!keptInts.contains(ax[p]) && !outSet.contains(ax[p]) && counted.add(ax[p])) {
            f *= e.child(k).shape().get(p);
          }
        }
      }
    }
    return f;
  }
}
