package dev.circuits.core.eval;

import dev.circuits.core.spec.GeneralFunctionSpec;
import dev.circuits.core.spec.SimpleFunction;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * gelu_new (after adding a bias row, for {@link BiasGeluRule}) and softmax over the last axis in
 * float32 on the Vector API row kernels: one pass over memory, in place in a donated input.
 */
final class VectorFunctions {
  private VectorFunctions() {}

  /** Whether {@code spec} applied to {@code x} runs here. */
  static boolean handles(GeneralFunctionSpec spec, INDArray x, DataType floatType) {
    return (spec == SimpleFunction.GELU_NEW || spec == SimpleFunction.SOFTMAX)
        && VectorSupport.enabled() && floatType == DataType.FLOAT
        && x.dataType() == DataType.FLOAT && x.rank() >= 1 && x.length() > 0;
  }

  /**
   * {@code spec(x + bias)} (bias: null, or one value per element of x's last axis) as a new
   * value, written over x's memory when {@code donated}.
   */
  static Value compute(GeneralFunctionSpec spec, Value input, boolean donated, float[] bias) {
    INDArray x = input.array();
    int length = (int) x.size(x.rank() - 1);
    RowKernels.Chunk kernel = spec == SimpleFunction.GELU_NEW
        ? (chunk, rows) -> VectorKernels.geluNew(chunk.floats(), rows, length, bias)
        : (chunk, rows) -> VectorKernels.softmax(chunk.floats(), rows, length);
    boolean dense = NdViews.isCContiguous(x);
    if (donated && dense) {
      RowKernels.run(x, x, length, kernel);
      return input.view(x);
    }
    INDArray out = BufferPool.shared().take(DataType.FLOAT, x.shape());
    INDArray src = x;
    if (!dense) {
      src = out.assign(x);
    }
    RowKernels.run(src, out, length, kernel);
    return Value.owned(out);
  }
}
