package dev.circuits.core.spec;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarAdd;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMultiplication;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.Axpy;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.DivOp;
import org.nd4j.linalg.api.ops.impl.transforms.same.Cube;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Erf;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Exp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** ND4J implementations of the built-in general functions (never mutate their inputs). */
final class Kernels {
  private static final double SQRT_2_OVER_PI = Math.sqrt(2.0 / Math.PI);
  private static final double INV_SQRT_2 = 1.0 / Math.sqrt(2.0);
  private static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2.0 * Math.PI);

  private Kernels() {}

  static INDArray simple(SimpleFunction f, INDArray x) {
    return switch (f) {
      case SIN -> Transforms.sin(x, true);
      case COS -> Transforms.cos(x, true);
      case GELU -> erf(x.mul(INV_SQRT_2)).addi(1.0).muli(x).muli(0.5);
      case GELU_NEW -> geluNew(x);
      case RELU -> Transforms.relu(x, true);
      case STEP -> Transforms.step(x, true).castTo(x.dataType());
      case SIGMOID -> Transforms.sigmoid(x, true);
      case RSQRT -> Transforms.sqrt(x, true).rdivi(1.0);
      case RECIPROCAL -> x.rdiv(1.0);
      case TANH -> Transforms.tanh(x, true);
      case SOFTMAX -> softmaxLastDim(x, false);
      case LOG_SOFTMAX -> softmaxLastDim(x, true);
      case LOG_EXP_P_1 -> Transforms.softPlus(x, true);
      case GAUSSIAN_PDF -> Transforms.exp(x.mul(x).muli(-0.5), false).muli(INV_SQRT_2PI);
      case GAUSSIAN_CDF -> erf(x.mul(INV_SQRT_2)).addi(1.0).muli(0.5);
      case MIN -> x.min(x.rank() - 1);
      case MAX -> x.max(x.rank() - 1);
      case LAST_DIM_SIZE -> Nd4j.valueArrayOf(Arrays.copyOf(x.shape(), x.rank() - 1),
          (double) x.size(x.rank() - 1), x.dataType());
      case ABS -> Transforms.abs(x, true);
      case EXP -> Transforms.exp(x, true);
      case LOG -> Transforms.log(x, true);
      case LOGIT -> Transforms.log(x.div(x.rsub(1.0)), false);
    };
  }

  private static INDArray erf(INDArray x) {
    INDArray out = Nd4j.createUninitialized(x.dataType(), x.shape());
    Nd4j.exec(new Erf(x, out));
    return out;
  }

  /**
   * {@code 0.5 x (1 + tanh(u))} with {@code u = sqrt(2/pi)(x + 0.044715 x^3)}, computed as the
   * equal {@code x / (1 + exp(-2u))} in six ops on one temporary: the exp is most of the cost
   * (ND4J's exp is ~2.5x faster than its tanh and ~20% faster than its sigmoid), the others are
   * single passes over memory. This form has no cancellation for negative x.
   */
  private static INDArray geluNew(INDArray x) {
    INDArray t = Nd4j.createUninitialized(x.dataType(), x.shape());
    Nd4j.exec(new Cube(x, t));
    Nd4j.exec(new Axpy(t, x, t, 0.044715)); // x + 0.044715 x^3
    Nd4j.exec(new ScalarMultiplication(t, -2 * SQRT_2_OVER_PI));
    Nd4j.exec(new Exp(t, t));
    Nd4j.exec(new ScalarAdd(t, 1.0));
    Nd4j.exec(new DivOp(x, t, t));
    return t;
  }

  /**
   * Softmax or log-softmax over the last dim, numerically stable. (ND4J's SoftMax op is not: it
   * returns NaN for rows like [-1.4e6, -1e4, -1e4], as a random layer-norm-free model produces.)
   */
  static INDArray softmaxLastDim(INDArray x, boolean log) {
    long[] shape = x.shape();
    long last = shape[shape.length - 1];
    INDArray x2 = x.dup('c').reshape('c', x.length() / Math.max(last, 1), last);
    INDArray max = x2.max(1).reshape(x2.rows(), 1);
    x2.subiColumnVector(max);
    INDArray e = Transforms.exp(x2, log); // softmax needs no shifted copy: exponentiate in place
    INDArray sum = e.sum(1).reshape(x2.rows(), 1);
    INDArray out = log ? x2.subiColumnVector(Transforms.log(sum, false)) : e.diviColumnVector(sum);
    return out.reshape('c', shape);
  }

  /** Whether {@code x} is laid out densely in c order (so reshaping it is a view). */
  private static boolean denseC(INDArray x) {
    long expected = 1;
    for (int i = x.rank() - 1; i >= 0; i--) {
      if (x.size(i) != 1 && x.stride(i) != expected) {
        return false;
      }
      expected *= x.size(i);
    }
    return true;
  }

  static INDArray genIndex(GenIndexSpec s, INDArray x, INDArray index) {
    long[] idxShape = index.shape();
    if (s.batchX() && s.batchIndex()) {
      return genIndexBatched(s, x, index);
    }
    int d = GenIndexSpec.canon(s.indexDim(), x.rank(), "x");
    long len = x.size(d);
    long[] values = flatLongs(index);
    int[] idx = new int[values.length];
    for (int i = 0; i < values.length; i++) {
      idx[i] = (int) checkedIndex(s, values, i, idxShape, len);
    }
    int[] perm = new int[x.rank()];
    perm[0] = d;
    for (int i = 0, k = 1; i < x.rank(); i++) {
      if (i != d) {
        perm[k++] = i;
      }
    }
    INDArray permuted = x.permute(perm);
    // Gathering reads rows only: copy the (possibly huge, e.g. an embedding) tensor only when its
    // layout requires it.
    INDArray moved = d == 0 && denseC(x) ? x : permuted.dup('c');
    long rest = moved.length() / Math.max(len, 1);
    INDArray rows = moved.reshape('c', len, rest);
    // One native gather: getRows costs one op (~30 us) per row.
    INDArray gathered = idx.length == 0 ? Nd4j.create(x.dataType(), 0, rest)
        : Nd4j.pullRows(rows, 1, idx);
    long[] restShape = Arrays.copyOfRange(moved.shape(), 1, moved.rank());
    long[] outShape = concat(idxShape, restShape);
    INDArray out = gathered.reshape('c', outShape);
    if (s.batchIndex()) {
      return out;
    }
    // Move the index dims from the front to position d.
    int ni = idxShape.length;
    int[] back = new int[out.rank()];
    int k = 0;
    for (int i = 0; i < d; i++) {
      back[k++] = ni + i;
    }
    for (int i = 0; i < ni; i++) {
      back[k++] = i;
    }
    for (int i = ni + d; i < out.rank(); i++) {
      back[k++] = i;
    }
    return out.permute(back).dup('c');
  }

  private static INDArray genIndexBatched(GenIndexSpec s, INDArray x, INDArray index) {
    int prefix = index.rank();
    int suffix = x.rank() - prefix;
    int d = GenIndexSpec.canon(s.indexDim(), suffix, "x's non-batch dims");
    long[] prefixShape = Arrays.copyOf(x.shape(), prefix);
    long batch = Arrays.stream(prefixShape).reduce(1, (a, b) -> a * b);
    long[] suffixShape = Arrays.copyOfRange(x.shape(), prefix, x.rank());
    INDArray xs = x.dup('c').reshape('c', concat(new long[] {batch}, suffixShape));
    long[] flatIdx = flatLongs(index);
    INDArray[] parts = new INDArray[(int) batch];
    for (int b = 0; b < batch; b++) {
      INDArray slice = xs.slice(b);
      long i = checkedIndex(s, flatIdx, b, index.shape(), suffixShape[d]);
      INDArray picked = suffix == 1 ? slice.getScalar(i) : pickAlong(slice, d, i);
      parts[b] = picked.reshape('c', 1, picked.length());
    }
    long[] outSuffix = new long[suffix - 1];
    for (int i = 0, k = 0; i < suffix; i++) {
      if (i != d) {
        outSuffix[k++] = suffixShape[i];
      }
    }
    INDArray stacked = Nd4j.vstack(parts);
    return stacked.reshape('c', concat(prefixShape, outSuffix));
  }

  /** The index tensor's values as int64 in c order, read without narrowing. */
  private static long[] flatLongs(INDArray index) {
    INDArray longs = index.dataType() == DataType.LONG ? index : index.castTo(DataType.LONG);
    return longs.dup('c').reshape(index.length()).toLongVector();
  }

  /**
   * {@code values[i]} made non-negative for a dim of {@code len}; an {@link IndexValueException}
   * naming its position when it is outside {@code [-len, len)}.
   */
  private static long checkedIndex(GenIndexSpec s, long[] values, int i, long[] indexShape,
      long len) {
    long v = values[i];
    if (v >= len || v < -len) {
      throw new IndexValueException(s.fnName(), v, dev.circuits.core.util.Positions.unravel(i, indexShape),
          indexShape, len);
    }
    return v < 0 ? v + len : v;
  }

  private static INDArray pickAlong(INDArray t, int dim, long i) {
    org.nd4j.linalg.indexing.INDArrayIndex[] ix =
        new org.nd4j.linalg.indexing.INDArrayIndex[t.rank()];
    for (int a = 0; a < t.rank(); a++) {
      ix[a] = a == dim ? org.nd4j.linalg.indexing.NDArrayIndex.point(i)
          : org.nd4j.linalg.indexing.NDArrayIndex.all();
    }
    return t.get(ix).dup('c');
  }

  static long[] concat(long[] a, long[] b) {
    long[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
