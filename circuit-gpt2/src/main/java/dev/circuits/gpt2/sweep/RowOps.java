package dev.circuits.gpt2.sweep;

import dev.circuits.core.eval.FloatRowKernels;
import dev.circuits.core.spec.SimpleFunction;
import java.util.List;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.blas.params.MMulTranspose;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The few dense operations the row engine is made of, on c-order float arrays: matrix products
 * into fresh buffers, LayerNorm over the last dim, the activation and softmax kernels the
 * evaluator itself uses ({@link SimpleFunction}), so both engines compute the same functions.
 */
final class RowOps {
  private RowOps() {}

  /** {@code a [m,k] x b} where {@code b} is [k,n], or [n,k] when {@code transB}. */
  static INDArray mm(INDArray a, INDArray b, boolean transB) {
    long n = transB ? b.size(0) : b.size(1);
    INDArray out = Nd4j.createUninitialized(a.dataType(), a.size(0), n);
    Nd4j.gemm(a, b, out, false, transB, 1.0, 0.0);
    return out;
  }

  /** Batched {@code a [B,m,k] x b [B,k,n]} (b as [B,n,k] when {@code transB}). */
  static INDArray bmm(INDArray a, INDArray b, boolean transB) {
    long n = transB ? b.size(1) : b.size(2);
    INDArray out = Nd4j.createUninitialized(a.dataType(), a.size(0), a.size(1), n);
    Nd4j.exec(new Mmul(a, b, out, 1.0, 0.0,
        MMulTranspose.builder().transposeA(false).transposeB(transB).build()));
    return out;
  }

  /** LayerNorm over the last dim of {@code x} ([rows, d], not modified) with gain and bias. */
  static INDArray layerNorm(INDArray x, INDArray gain, INDArray bias, double eps) {
    if (FloatRowKernels.accepts(x)) {
      return FloatRowKernels.layerNorm(x, gain.toFloatVector(), bias.toFloatVector(), eps);
    }
    long rows = x.size(0);
    INDArray mean = x.mean(1);
    INDArray centred = x.subColumnVector(mean.reshape(rows, 1));
    INDArray squares = centred.mul(centred);
    INDArray var = squares.mean(1);
    INDArray rstd = Transforms.sqrt(var.addi(eps), false).rdivi(1.0);
    centred.muliColumnVector(rstd.reshape(rows, 1)).muliRowVector(gain).addiRowVector(bias);
    free(mean, squares, var, rstd);
    return centred;
  }

  /**
   * The MLP activation, as the circuit evaluates it, consuming {@code x}: the result may be
   * {@code x} itself (computed in place) or a new array (then {@code x} is freed).
   */
  static INDArray activate(INDArray x, boolean erfGelu) {
    if (!erfGelu && FloatRowKernels.accepts(x)) {
      FloatRowKernels.geluNewInPlace(x);
      return x;
    }
    INDArray out = (erfGelu ? SimpleFunction.GELU : SimpleFunction.GELU_NEW).evaluate(List.of(x));
    free(x);
    return out;
  }

  /** Softmax over the last dim, as the circuit evaluates it, consuming {@code x} likewise. */
  static INDArray softmax(INDArray x) {
    if (FloatRowKernels.accepts(x)) {
      FloatRowKernels.softmaxInPlace(x);
      return x;
    }
    INDArray out = SimpleFunction.SOFTMAX.evaluate(List.of(x));
    free(x);
    return out;
  }

  /**
   * A dense c-order copy of {@code x} (float32, dense c order) with its axes permuted by
   * {@code perm}, which keeps the last axis last: whole rows of that axis are moved through Java
   * arrays, much faster than ND4J's element-wise permuted copy of rank-5 and -6 arrays.
   */
  static INDArray permuteKeepingLast(INDArray x, int... perm) {
    long[] shape = x.shape();
    int rank = shape.length;
    if (perm.length != rank || perm[rank - 1] != rank - 1 || x.dataType() != DataType.FLOAT
        || !FloatRowKernels.isDenseC(x)) {
      return x.permute(perm).dup('c');
    }
    int chunk = (int) shape[rank - 1];
    int length = Math.toIntExact(x.length());
    float[] from = new float[length];
    float[] to = new float[length];
    new FloatPointer(x.data().pointer()).position(x.offset()).get(from, 0, length);
    long[] outShape = new long[rank];
    for (int i = 0; i < rank; i++) {
      outShape[i] = shape[perm[i]];
    }
    // stride (in chunks) in the output of each source axis
    long[] outStride = new long[rank - 1];
    long stride = 1;
    for (int i = rank - 2; i >= 0; i--) {
      outStride[perm[i]] = stride;
      stride *= outShape[i];
    }
    int[] index = new int[rank - 1];
    long at = 0;
    for (int c = 0, chunks = length / Math.max(1, chunk); c < chunks; c++) {
      System.arraycopy(from, c * chunk, to, (int) (at * chunk), chunk);
      for (int axis = rank - 2; axis >= 0; axis--) {
        at += outStride[axis];
        if (++index[axis] < shape[axis]) {
          break;
        }
        at -= outStride[axis] * shape[axis];
        index[axis] = 0;
      }
    }
    INDArray out = Nd4j.createUninitialized(DataType.FLOAT, outShape);
    new FloatPointer(out.data().pointer()).position(out.offset()).put(to, 0, length);
    return out;
  }

  /**
   * {@code a} (dense, c order) as a rank-1 view. (A two-argument {@code reshape('c', n)} would
   * resolve to ND4J's {@code reshape(rows, cols)} and reshape to [99, n].)
   */
  static INDArray flat(INDArray a) {
    return a.reshape(new long[] {a.length()});
  }

  /**
   * Frees the memory behind arrays this engine allocated and no longer needs, at once instead of
   * at the next garbage collection (fresh pages are slow to touch on these machines; reused ones
   * are fast). A reshape or slice frees the whole buffer it views: pass only arrays whose entire
   * buffer is dead.
   */
  static void free(INDArray... arrays) {
    for (INDArray a : arrays) {
      if (a != null && !a.wasClosed()) {
        DataBuffer root = root(a.data());
        if (!root.wasClosed()) {
          root.close();
        }
      }
    }
  }

  /** The buffer that owns the memory a (possibly view) buffer points into. */
  private static DataBuffer root(DataBuffer d) {
    DataBuffer cur = d;
    while (true) {
      DataBuffer next = cur.originalDataBuffer();
      if (next == null || next == cur) {
        next = cur.underlyingDataBuffer();
      }
      if (next == null || next == cur) {
        return cur;
      }
      cur = next;
    }
  }

  /** Checks that {@code a} is a dense c-order array (so reshapes are views), or copies it. */
  static INDArray dense(INDArray a) {
    return a.isView() || a.ordering() != 'c' ? a.dup('c') : a;
  }
}
