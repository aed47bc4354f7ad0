package dev.circuits.core.spec;

import dev.circuits.core.Shape;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What a GeneralFunction computes: its printed name, structural hash, shape rule and ND4J kernel.
 * Implement this interface for user-defined functions and register them with
 * {@link GeneralFunctions#register} so the parser can find them by name.
 */
public interface GeneralFunctionSpec {
  /** The name printed in the text format and used in auto-names (unique among registered specs). */
  String fnName();

  /**
   * The text written after {@code GeneralFunction} in the {@code .circ} format and looked up by
   * the parser; rust_circuit writes custom Python specs as {@code name at module.path:Class}.
   */
  default String serializedName() {
    return fnName();
  }

  /** The 32-byte hash fed into the node hash (must be stable across runs). */
  byte[] hashBytes();

  /** Output shape, batching info; throws ConstructException when the inputs do not fit. */
  ShapeInfo shapeInfo(List<Shape> inputShapes);

  /** Computes the output on ND4J (inputs are never mutated; return a new array). */
  INDArray evaluate(List<INDArray> inputs);

  /**
   * Output shape and batching: the last {@code numNonBatchableOutputDims} dims are the function's
   * own; leading dims are batch dims shared with the inputs whose batchability is true.
   */
  record ShapeInfo(Shape shape, int numNonBatchableOutputDims, List<Boolean> inputBatchability) {}
}
