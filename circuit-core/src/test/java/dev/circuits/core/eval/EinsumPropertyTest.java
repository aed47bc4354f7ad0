package dev.circuits.core.eval;

import dev.circuits.core.Array;
import dev.circuits.core.Circuit;
import dev.circuits.core.Einsum;
import dev.circuits.core.Scalar;
import dev.circuits.core.Shape;
import dev.circuits.core.testing.Seeds;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Random einsums aimed at the planner: 1-4 operands with diagonals, repeated output ints, Scalar
 * operands and inputs held as permuted (non-contiguous) views, against the reference to 1e-9.
 */
class EinsumPropertyTest {
  @Test
  void randomEinsumsAgreeWithReference() {
    Evaluator ev = Evaluator.builder().float64().build();
    Seeds.forEach(300, seed -> {
      Circuit c = randomEinsum(new Random(seed));
      Tensors.assertClose(new ReferenceEvaluator().evaluate(c), ev.evaluate(c), 1e-9,
          "seed " + seed + ": " + c + "\n" + TreeDump.of(c));
    });
  }

  private static Circuit randomEinsum(Random r) {
    int numInts = 1 + r.nextInt(5);
    long[] sizes = new long[numInts];
    for (int i = 0; i < numInts; i++) {
      sizes[i] = 1 + r.nextInt(4);
    }
    int nOps = r.nextInt(5);
    List<Einsum.Arg> args = new ArrayList<>();
    List<Integer> used = new ArrayList<>();
    for (int k = 0; k < nOps; k++) {
      int rank = r.nextInt(4);
      int[] axes = new int[rank];
      long[] shape = new long[rank];
      for (int p = 0; p < rank; p++) {
        axes[p] = r.nextInt(numInts);
        shape[p] = sizes[axes[p]];
        used.add(axes[p]);
      }
      args.add(new Einsum.Arg(operand(r, shape), axes));
    }
    List<Integer> distinct = new ArrayList<>(new java.util.LinkedHashSet<>(used));
    Collections.shuffle(distinct, r);
    int outRank = distinct.isEmpty() ? 0 : r.nextInt(distinct.size() + 1);
    List<Integer> out = new ArrayList<>(distinct.subList(0, outRank));
    if (!out.isEmpty() && r.nextDouble() < 0.15) {
      out.add(r.nextInt(out.size() + 1), out.get(r.nextInt(out.size())));
    }
    return Einsum.of(args, out.stream().mapToInt(Integer::intValue).toArray(), null);
  }

  /** A random operand: usually an Array (sometimes a permuted view), sometimes a Scalar. */
  private static Circuit operand(Random r, long[] shape) {
    if (r.nextDouble() < 0.15) {
      return Scalar.of(r.nextGaussian(), Shape.of(shape), null);
    }
    int rank = shape.length;
    List<Integer> perm = new ArrayList<>();
    for (int i = 0; i < rank; i++) {
      perm.add(i);
    }
    if (r.nextBoolean()) {
      Collections.shuffle(perm, r);
    }
    long[] stored = new long[rank];
    for (int i = 0; i < rank; i++) {
      stored[perm.get(i)] = shape[i];
    }
    int numel = 1;
    for (long d : shape) {
      numel *= (int) d;
    }
    double[] data = new double[numel];
    for (int i = 0; i < numel; i++) {
      data[i] = r.nextGaussian();
    }
    INDArray base = Nd4j.create(data, stored, DataType.DOUBLE);
    int[] p = perm.stream().mapToInt(Integer::intValue).toArray();
    return Array.wrap(rank == 0 ? base : base.permute(p), null);
  }
}
