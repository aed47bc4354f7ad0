package dev.circuits.scrubbing;

import dev.circuits.core.GeneralFunction;
import dev.circuits.core.Shape;
import dev.circuits.core.spec.GeneralFunctionSpec;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The function of the display-only GeneralFunctions an interpretation tree is printed as (rust's
 * {@code InterpNodeGeneralFunctionSpec}): an empty printed name, a rank-0 output that is 0.
 */
final class InterpNodeDisplay implements GeneralFunctionSpec {
  static final InterpNodeDisplay INSTANCE = new InterpNodeDisplay();
  private static final byte[] HASH =
      Arrays.copyOf("circuits.scrubbing.InterpNode".getBytes(StandardCharsets.UTF_8), 32);

  private InterpNodeDisplay() {}

  /** Node {@code name} over its children's display nodes. */
  static GeneralFunction node(String name, List<dev.circuits.core.Circuit> children) {
    return GeneralFunction.of(INSTANCE, children, name);
  }

  @Override
  public String fnName() {
    return "";
  }

  @Override
  public byte[] hashBytes() {
    return HASH.clone();
  }

  @Override
  public ShapeInfo shapeInfo(List<Shape> inputShapes) {
    return new ShapeInfo(Shape.scalar(), 0, Collections.nCopies(inputShapes.size(), false));
  }

  @Override
  public INDArray evaluate(List<INDArray> inputs) {
    return Nd4j.scalar(0.0);
  }
}
