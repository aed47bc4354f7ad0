package dev.circuits.core.spec;

import dev.circuits.core.ConstructException;
import dev.circuits.core.Shape;
import dev.circuits.core.internal.HashBuilder;
import java.util.List;
import java.util.UUID;
import org.nd4j.linalg.api.ndarray.INDArray;

/** rust_circuit's simple (one-input) general functions; they act on the last dim at most. */
public enum SimpleFunction implements GeneralFunctionSpec {
  SIN("sin", 0, 0),
  COS("cos", 0, 0),
  GELU("gelu", 0, 0),
  GELU_NEW("gelu_new", 0, 0),
  RELU("relu", 0, 0),
  STEP("step", 0, 0),
  SIGMOID("sigmoid", 0, 0),
  RSQRT("rsqrt", 0, 0),
  RECIPROCAL("reciprocal", 0, 0),
  TANH("tanh", 0, 0),
  SOFTMAX("softmax", 1, 0),
  LOG_SOFTMAX("log_softmax", 1, 0),
  LOG_EXP_P_1("log_exp_p_1", 0, 0),
  GAUSSIAN_PDF("gaussian_pdf", 0, 0),
  GAUSSIAN_CDF("gaussian_cdf", 0, 0),
  MIN("min", 0, 1),
  MAX("max", 0, 1),
  LAST_DIM_SIZE("last_dim_size", 0, 1),
  ABS("abs", 0, 0),
  EXP("exp", 0, 0),
  LOG("log", 0, 0),
  LOGIT("logit", 0, 0);

  private static final UUID SIMPLE_UUID = UUID.fromString("f1f0bc63-f390-412b-9e98-74ce65911006");

  private final String fnName;
  private final int numNonBatchable;
  private final int removedFromEnd;

  SimpleFunction(String fnName, int numNonBatchable, int removedFromEnd) {
    this.fnName = fnName;
    this.numNonBatchable = numNonBatchable;
    this.removedFromEnd = removedFromEnd;
  }

  @Override
  public String toString() {
    return fnName;
  }

  @Override
  public String fnName() {
    return fnName;
  }

  @Override
  public byte[] hashBytes() {
    return new HashBuilder().uuid(SIMPLE_UUID).utf8(fnName).digest();
  }

  @Override
  public ShapeInfo shapeInfo(List<Shape> shapes) {
    if (shapes.size() != 1) {
      throw new ConstructException(ConstructException.Rule.GENERAL_FUNCTION_WRONG_INPUT,
          fnName + " takes 1 input, got " + shapes.size());
    }
    Shape s = shapes.get(0);
    if (s.rank() < numNonBatchable + removedFromEnd) {
      throw new ConstructException(ConstructException.Rule.GENERAL_FUNCTION_WRONG_INPUT,
          fnName + " needs rank >= " + (numNonBatchable + removedFromEnd) + ", got shape " + s);
    }
    return new ShapeInfo(s.slice(0, s.rank() - removedFromEnd), numNonBatchable, List.of(true));
  }

  @Override
  public INDArray evaluate(List<INDArray> inputs) {
    return Kernels.simple(this, inputs.get(0));
  }

  /** Looks a simple function up by its printed name, or null. */
  public static SimpleFunction byName(String name) {
    for (SimpleFunction f : values()) {
      if (f.fnName.equals(name)) {
        return f;
      }
    }
    return null;
  }
}
