package dev.circuits.core.eval;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The evaluator's float32 row kernels (gelu_new, softmax, layer norm over the last axis on the
 * JDK's Vector API) for engines that compute transformer rows directly, so that they run the same
 * arithmetic as the evaluator. Usable only when {@link #available()}: the JVM loaded
 * {@code jdk.incubator.vector} and the arrays are dense c-order float32.
 */
public final class FloatRowKernels {
  private FloatRowKernels() {}

  /** Whether the kernels run here (Vector API loaded and enabled). */
  public static boolean available() {
    return VectorSupport.enabled();
  }

  /** Whether {@code x} is one the kernels take: float32, dense in c order, not empty. */
  public static boolean accepts(INDArray x) {
    return available() && x.dataType() == DataType.FLOAT && x.length() > 0 && isDenseC(x);
  }

  /**
   * Whether {@code x}'s elements lie densely in c order from its offset (size-1 axes may have any
   * stride), so that they can be moved as one block of memory.
   */
  public static boolean isDenseC(INDArray x) {
    return NdViews.isCContiguous(x);
  }

  /** {@code x = gelu_new(x)} elementwise, in place; {@code x} must be {@link #accepts accepted}. */
  public static void geluNewInPlace(INDArray x) {
    int length = lastAxis(x);
    RowKernels.run(x, x, length, (chunk, rows) ->
        VectorKernels.geluNew(chunk.floats(), rows, length, null));
  }

  /** Softmax over the last axis of {@code x}, in place; {@code x} must be accepted. */
  public static void softmaxInPlace(INDArray x) {
    int length = lastAxis(x);
    RowKernels.run(x, x, length, (chunk, rows) ->
        VectorKernels.softmax(chunk.floats(), rows, length));
  }

  /**
   * A new array: layer norm over the last axis of {@code x} (accepted, not modified) with
   * {@code gain} and {@code bias} (one value per element of that axis) and {@code eps}.
   */
  public static INDArray layerNorm(INDArray x, float[] gain, float[] bias, double eps) {
    int d = lastAxis(x);
    if (gain.length != d || bias.length != d) {
      throw new IllegalArgumentException("layer norm over " + d + " values needs a gain and a "
          + "bias of " + d + ", got " + gain.length + " and " + bias.length);
    }
    INDArray out = Nd4j.createUninitialized(DataType.FLOAT, x.shape());
    RowKernels.run(x, out, d, (chunk, rows) -> VectorKernels.layerNorm(chunk.floats(), rows, d,
        -1f / d, 1f / d, (float) eps, gain, bias));
    return out;
  }

  private static int lastAxis(INDArray x) {
    if (!accepts(x)) {
      throw new IllegalArgumentException("row kernels need the Vector API and a dense float32 "
          + "array, got " + x.dataType() + " " + java.util.Arrays.toString(x.shape()));
    }
    return (int) x.size(x.rank() - 1);
  }
}
