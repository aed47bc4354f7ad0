package dev.circuits.core.eval;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Numpy-broadcasting elementwise ops into an output of the right shape (ND4J's allocating
 * {@code add}/{@code mul} size the output from the left operand and fail on e.g. [2] + [4,1]).
 */
final class Broadcast {
  private Broadcast() {}

  /** The numpy broadcast of two shapes (assumed compatible). */
  static long[] shape(long[] a, long[] b) {
    int rank = Math.max(a.length, b.length);
    long[] out = new long[rank];
    for (int i = 1; i <= rank; i++) {
      long x = i <= a.length ? a[a.length - i] : 1;
      long y = i <= b.length ? b[b.length - i] : 1;
      out[rank - i] = x == 1 ? y : x;
    }
    return out;
  }

  /** Whether broadcasting {@code small} into {@code big} leaves {@code big}'s shape unchanged. */
  static boolean covers(long[] big, long[] small) {
    return Arrays.equals(shape(big, small), big);
  }

  /** Whether {@code small} is {@code [1, ..., 1, d]} where d is {@code big}'s last size. */
  static boolean isRowOf(long[] small, long[] big) {
    if (small.length == 0 || small.length > big.length
        || small[small.length - 1] != big[big.length - 1]) {
      return false;
    }
    for (int i = 0; i < small.length - 1; i++) {
      if (small[i] != 1) {
        return false;
      }
    }
    return true;
  }

  /** {@code x + y} in a fresh array. */
  static INDArray add(INDArray x, INDArray y) {
    return binary(x, y, false);
  }

  /** {@code x * y} in a fresh array. */
  static INDArray mul(INDArray x, INDArray y) {
    return binary(x, y, true);
  }

  /** {@code acc += y} in place ({@code y} must broadcast into {@code acc}). */
  static void addInPlace(INDArray acc, INDArray y) {
    if (!addRowsInPlace(acc, y)) {
      Nd4j.exec(new AddOp(acc, sameRank(y, acc.rank()), acc));
    }
  }

  /** {@code acc *= y} in place ({@code y} must broadcast into {@code acc}). */
  static void mulInPlace(INDArray acc, INDArray y) {
    Nd4j.exec(new MulOp(acc, sameRank(y, acc.rank()), acc));
  }

  /**
   * {@code acc += y} as a row vector added to every row of {@code acc} seen as a matrix, when
   * {@code y} is a bias over {@code acc}'s trailing dims and both are dense: ND4J's broadcast op
   * for this is up to 2x faster than its general broadcasting add in place. False if not
   * applicable.
   */
  private static boolean addRowsInPlace(INDArray acc, INDArray y) {
    long[] ys = y.shape();
    int lead = 0;
    while (lead < ys.length && ys[lead] == 1) {
      lead++;
    }
    int tail = ys.length - lead;
    long cols = y.length();
    if (tail == 0 || tail > acc.rank() || cols == acc.length()
        || !Arrays.equals(Arrays.copyOfRange(ys, lead, ys.length),
            Arrays.copyOfRange(acc.shape(), acc.rank() - tail, acc.rank()))) {
      return false;
    }
    INDArray matrix = NdViews.reshapeView(acc, new long[] {acc.length() / cols, cols});
    INDArray row = NdViews.reshapeView(y, new long[] {cols});
    if (matrix == null || row == null || !NdViews.isCContiguous(matrix)) {
      return false;
    }
    Nd4j.exec(new BroadcastAddOp(matrix, row, matrix, 1));
    return true;
  }

  /** A fresh array of {@code shape} holding {@code x} broadcast (always a copy). */
  static INDArray copyTo(INDArray x, long[] shape) {
    INDArray xs = sameRank(x, shape.length);
    return Arrays.equals(xs.shape(), shape) ? xs.dup('c') : xs.broadcast(shape);
  }

  private static INDArray binary(INDArray x, INDArray y, boolean multiply) {
    long[] out = shape(x.shape(), y.shape());
    INDArray xs = sameRank(x, out.length);
    INDArray ys = sameRank(y, out.length);
    INDArray z = BufferPool.shared().take(x.dataType(), out);
    Nd4j.exec(multiply ? new MulOp(xs, ys, z) : new AddOp(xs, ys, z));
    return z;
  }

  /** {@code a} viewed with leading size-1 dims up to {@code rank}. */
  static INDArray sameRank(INDArray a, int rank) {
    if (a.rank() == rank) {
      return a;
    }
    long[] s = new long[rank];
    Arrays.fill(s, 1);
    System.arraycopy(a.shape(), 0, s, rank - a.rank(), a.rank());
    return NdViews.reshapeView(a, s);
  }
}
