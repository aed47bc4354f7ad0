package dev.circuits.core.eval;

import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The evaluator's dtype policy: every floating value is in the evaluator's float type (float32 or
 * float64); integer values (token ids, index tensors) are int64; booleans become floats.
 */
final class DTypes {
  private DTypes() {}

  /** The dtype a leaf tensor is held in: int64 for integers, else the float type. */
  static DataType leafType(DataType t, DataType floatType) {
    return t.isIntType() ? DataType.INT64 : floatType;
  }

  /** {@code a} in dtype {@code t}: itself, or a tracked cast copy. */
  static INDArray to(INDArray a, DataType t, Scratch scratch) {
    return a.dataType() == t ? a : scratch.track(a.castTo(t));
  }

  /** int64 when every input is int64 (integer arithmetic stays exact), else the float type. */
  static DataType common(List<INDArray> arrays, DataType floatType) {
    for (INDArray a : arrays) {
      if (a.dataType() != DataType.INT64) {
        return floatType;
      }
    }
    return arrays.isEmpty() ? floatType : DataType.INT64;
  }
}
