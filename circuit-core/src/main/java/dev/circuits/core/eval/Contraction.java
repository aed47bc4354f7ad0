package dev.circuits.core.eval;

import java.util.Arrays;
import org.nd4j.linalg.api.blas.params.MMulTranspose;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.api.ops.impl.reduce3.Dot;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Executes one pairwise einsum step: operands are viewed (or, when their layout does not allow it,
 * copied) as {@code [B, M, K]} and {@code [B, K, N]} matrices and multiplied by ONE (batched) GEMM
 * into a freshly allocated c-order buffer; pairs with nothing to contract are broadcast multiplies.
 * Batches go through ND4J's batched matmul op on rank-3 views: for [600,16,64]x[600,64,16] it took
 * 1.3-1.9 ms here, against 38-82 ms for a loop of 600 {@code Nd4j.gemm} calls on slice views.
 */
final class Contraction {
  private Contraction() {}

  /** The result of {@code step}, with ints ordered as {@code step.resultInts()}. */
  static Held run(EinsumPlan plan, EinsumPlan.Step step, Held a, Held b, Scratch scratch) {
    Held ra = a.sum(step.aSumAxes(), scratch);
    Held rb = b.sum(step.bSumAxes(), scratch);
    int[] aInts = without(step.aInts(), step.aSumAxes());
    int[] bInts = without(step.bInts(), step.bSumAxes());
    DataType dtype = ra.array().dataType();
    Held out;
    if (ra.array().length() == 0 || rb.array().length() == 0) {
      out = Held.fresh(Nd4j.zeros(dtype, plan.sizesOf(step.resultInts())), scratch);
      ra.replacedBy(out, scratch);
      rb.replacedBy(out, scratch);
      return out;
    }
    if (step.contracted().length == 0 || step.left().length + step.right().length == 0) {
      out = multiplyThenSum(plan, step, ra, aInts, rb, bInts, scratch);
    } else {
      out = gemm(plan, step, ra, aInts, rb, bInts, scratch);
    }
    ra.replacedBy(out, scratch);
    rb.replacedBy(out, scratch);
    return out;
  }

  /** Broadcast multiply (then sum the contracted ints, if any): cheap when no GEMM is needed. */
  private static Held multiplyThenSum(EinsumPlan plan, EinsumPlan.Step step, Held a, int[] aInts,
      Held b, int[] bInts, Scratch scratch) {
    int[] bOnly = Arrays.stream(bInts).filter(x -> EinsumPlan.indexOf(aInts, x) < 0).toArray();
    int[] all = concat(aInts, bOnly);
    long[] aShape = new long[all.length];
    long[] bShape = new long[all.length];
    for (int p = 0; p < all.length; p++) {
      aShape[p] = p < aInts.length ? plan.size(all[p]) : 1;
      bShape[p] = EinsumPlan.indexOf(bInts, all[p]) >= 0 ? plan.size(all[p]) : 1;
    }
    int[] bOrder = Arrays.stream(all).filter(x -> EinsumPlan.indexOf(bInts, x) >= 0)
        .map(x -> EinsumPlan.indexOf(bInts, x)).toArray();
    Held av = a.reshape(aShape, scratch);
    Held bv = b.permute(bOrder).reshape(bShape, scratch);
    int[] sumAxes = Arrays.stream(step.contracted()).map(x -> EinsumPlan.indexOf(all, x)).toArray();
    Held summed;
    if (sumsTrailingAxesOfEqualShapes(av, bv, sumAxes)) {
      summed = dot(av, bv, sumAxes.length, scratch);
    } else {
      Held product = multiply(av, bv, scratch);
      av.replacedBy(product, scratch);
      bv.replacedBy(product, scratch);
      summed = product.sum(sumAxes, scratch);
    }
    int[] kept = Arrays.stream(all).filter(x -> EinsumPlan.indexOf(step.contracted(), x) < 0)
        .toArray();
    return summed.permute(permutation(kept, step.resultInts()));
  }

  /** {@code a * b} (broadcast), in place in {@code a} if it is this kernel's full-size temporary. */
  private static Held multiply(Held a, Held b, Scratch scratch) {
    INDArray x = a.array();
    if (a.base() == x && b.base() != x && Broadcast.covers(x.shape(), b.array().shape())) {
      Broadcast.mulInPlace(x, b.array());
      return a;
    }
    return Held.fresh(Broadcast.mul(x, b.array()), scratch);
  }

  /** Whether {@code axes} are the last ones, not all, of two dense arrays of one shape. */
  private static boolean sumsTrailingAxesOfEqualShapes(Held a, Held b, int[] axes) {
    int rank = a.array().rank();
    if (axes.length == 0 || axes.length >= rank || !Arrays.equals(a.array().shape(),
        b.array().shape()) || !NdViews.isCContiguous(a.array())
        || !NdViews.isCContiguous(b.array())) {
      return false;
    }
    int[] sorted = axes.clone();
    Arrays.sort(sorted);
    return sorted[0] == rank - axes.length && sorted[axes.length - 1] == rank - 1;
  }

  /**
   * The sum over the last {@code n} axes of {@code a * b} (dense, equal shapes) in one pass as
   * row-wise dot products, without materialising the product.
   */
  private static Held dot(Held a, Held b, int n, Scratch scratch) {
    long[] shape = a.array().shape();
    long[] kept = Arrays.copyOf(shape, shape.length - n);
    long rows = product(kept);
    long cols = a.array().length() / rows;
    long[] matrix = {rows, cols};
    INDArray out = Nd4j.createUninitialized(a.array().dataType(), rows);
    Nd4j.exec(new Dot(NdViews.reshapeView(a.array(), matrix), NdViews.reshapeView(b.array(),
        matrix), out, 1));
    Held result = Held.fresh(out, scratch).reshape(kept, scratch);
    a.replacedBy(result, scratch);
    b.replacedBy(result, scratch);
    return result;
  }

  /** How one operand can be viewed as a batch of matrices without copying. */
  private record Fit(int[] batch, int[] rows, int[] inner, boolean innerFirst) {}

  /**
   * Whether {@code x} (dense c order, ints {@code ints}) is laid out as [batch][rows][inner] or
   * [batch][inner][rows] for these int sets; the orders found are returned, else null.
   */
  private static Fit fit(Held x, int[] ints, int[] batch, int[] rows, int[] inner) {
    if (!NdViews.isCContiguous(x.array())) {
      return null;
    }
    int nb = batch.length;
    for (int p = 0; p < nb; p++) {
      if (EinsumPlan.indexOf(batch, ints[p]) < 0) {
        return null;
      }
    }
    int[] rest = Arrays.copyOfRange(ints, nb, ints.length);
    boolean innerFirst = rest.length > 0 && EinsumPlan.indexOf(inner, rest[0]) >= 0;
    int split = innerFirst ? inner.length : rows.length;
    int[] first = Arrays.copyOfRange(rest, 0, split);
    int[] second = Arrays.copyOfRange(rest, split, rest.length);
    int[] firstSet = innerFirst ? inner : rows;
    for (int x2 : first) {
      if (EinsumPlan.indexOf(firstSet, x2) < 0) {
        return null;
      }
    }
    return new Fit(Arrays.copyOf(ints, nb), innerFirst ? second : first,
        innerFirst ? first : second, innerFirst);
  }

  private static Held gemm(EinsumPlan plan, EinsumPlan.Step step, Held a, int[] aInts, Held b,
      int[] bInts, Scratch scratch) {
    Fit fa = fit(a, aInts, step.batch(), step.left(), step.contracted());
    Fit fb = fit(b, bInts, step.batch(), step.right(), step.contracted());
    int[] batchOrder;
    int[] kOrder;
    if (fa != null) {
      batchOrder = fa.batch();
      kOrder = fa.inner();
    } else if (fb != null) {
      batchOrder = fb.batch();
      kOrder = fb.inner();
    } else {
      batchOrder = step.batch();
      kOrder = step.contracted();
    }
    if (fa != null && !(Arrays.equals(fa.batch(), batchOrder) && Arrays.equals(fa.inner(), kOrder))) {
      fa = null;
    }
    if (fb != null && !(Arrays.equals(fb.batch(), batchOrder) && Arrays.equals(fb.inner(), kOrder))) {
      fb = null;
    }
    int[] mOrder = fa != null ? fa.rows() : step.left();
    int[] nOrder = fb != null ? fb.rows() : step.right();
    long bs = product(plan.sizesOf(batchOrder));
    long m = product(plan.sizesOf(mOrder));
    long n = product(plan.sizesOf(nOrder));
    long k = product(plan.sizesOf(kOrder));
    boolean transA = fa != null && fa.innerFirst();
    boolean transB = fb != null && !fb.innerFirst();
    Held am = fa != null ? a : copyInto(a, aInts, concat(batchOrder, mOrder, kOrder), scratch);
    Held bm = fb != null ? b : copyInto(b, bInts, concat(batchOrder, kOrder, nOrder), scratch);
    int[] outInts = concat(batchOrder, mOrder, nOrder);
    INDArray out = scratch.track(BufferPool.shared().take(a.array().dataType(),
        plan.sizesOf(outInts)));
    boolean batched = batchOrder.length > 0;
    INDArray a3 = matrices(am.array(), batched, bs, transA ? k : m, transA ? m : k);
    INDArray b3 = matrices(bm.array(), batched, bs, transB ? n : k, transB ? k : n);
    INDArray c3 = matrices(out, batched, bs, m, n);
    Nd4j.exec(new Mmul(a3, b3, c3, 1.0, 0.0,
        MMulTranspose.builder().transposeA(transA).transposeB(transB).build()));
    Held result = new Held(out, out);
    am.replacedBy(result, scratch);
    bm.replacedBy(result, scratch);
    return result.permute(permutation(outInts, step.resultInts()));
  }

  private static INDArray matrices(INDArray dense, boolean batched, long bs, long rows, long cols) {
    long[] shape = batched ? new long[] {bs, rows, cols} : new long[] {rows, cols};
    INDArray v = NdViews.reshapeView(dense, shape);
    if (v == null) {
      throw new IllegalStateException("dense operand " + Arrays.toString(dense.shape())
          + " cannot be viewed as " + Arrays.toString(shape));
    }
    return v;
  }

  /** A dense copy of {@code x} with its ints in {@code order}. */
  private static Held copyInto(Held x, int[] ints, int[] order, Scratch scratch) {
    return x.permute(permutation(ints, order)).contiguous(scratch);
  }

  /** The permutation taking axes labelled {@code from} to the order {@code to}. */
  static int[] permutation(int[] from, int[] to) {
    int[] perm = new int[to.length];
    for (int i = 0; i < to.length; i++) {
      perm[i] = EinsumPlan.indexOf(from, to[i]);
    }
    return perm;
  }

  static int[] without(int[] ints, int[] positions) {
    int[] out = new int[ints.length - positions.length];
    int k = 0;
    for (int p = 0; p < ints.length; p++) {
      if (EinsumPlan.indexOf(positions, p) < 0) {
        out[k++] = ints[p];
      }
    }
    return out;
  }

  static int[] concat(int[]... parts) {
    return Arrays.stream(parts).flatMapToInt(Arrays::stream).toArray();
  }

  private static long product(long[] sizes) {
    long p = 1;
    for (long s : sizes) {
      p *= s;
    }
    return p;
  }
}
