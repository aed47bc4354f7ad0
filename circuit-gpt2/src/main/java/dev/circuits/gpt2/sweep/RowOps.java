package dev.circuits.gpt2.sweep;

import dev.circuits.core.spec.SimpleFunction;
import java.util.List;
import org.nd4j.linalg.api.blas.params.MMulTranspose;
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

  /** The MLP activation, as the circuit evaluates it. */
  static INDArray activation(INDArray x, boolean erfGelu) {
    return (erfGelu ? SimpleFunction.GELU : SimpleFunction.GELU_NEW).evaluate(List.of(x));
  }

  /** Softmax over the last dim, as the circuit evaluates it. */
  static INDArray softmax(INDArray x) {
    return SimpleFunction.SOFTMAX.evaluate(List.of(x));
  }

  /**
   * {@code a} (dense, c order) as a rank-1 view. (A two-argument {@code reshape('c', n)} would
   * resolve to ND4J's {@code reshape(rows, cols)} and reshape to [99, n].)
   */
  static INDArray flat(INDArray a) {
    return a.reshape(new long[] {a.length()});
  }

  /** Frees arrays this engine allocated and no longer needs (views are left to the GC). */
  static void free(INDArray... arrays) {
    for (INDArray a : arrays) {
      if (a != null && !a.wasClosed() && a.closeable()) {
        a.close();
      }
    }
  }

  /** Checks that {@code a} is a dense c-order array (so reshapes are views), or copies it. */
  static INDArray dense(INDArray a) {
    return a.isView() || a.ordering() != 'c' ? a.dup('c') : a;
  }
}
