package dev.circuits.core.eval;

import dev.circuits.core.Circuit;
import dev.circuits.core.GeneralFunction;
import dev.circuits.core.Kind;
import dev.circuits.core.spec.SimpleFunction;
import java.util.BitSet;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Recognises {@code gelu_new(x + b)} with {@code b} a vector over x's last axis (an MLP's first
 * bias), whatever the names: in float32 with the Vector API the fusion adds and activates in one
 * pass over memory, in place in x's buffer when nothing else reads x (a GEMM result).
 */
final class BiasGeluRule {
  private BiasGeluRule() {}

  /** The fusion rooted at {@code root}, or null. */
  static Fusion match(Circuit root) {
    if (root.kind() != Kind.GENERAL_FUNCTION || root.numChildren() != 1
        || ((GeneralFunction) root).spec() != SimpleFunction.GELU_NEW
        || root.child(0).kind() != Kind.ADD || root.child(0).numChildren() != 2) {
      return null;
    }
    Circuit sum = root.child(0);
    for (int i = 0; i < 2; i++) {
      Circuit x = sum.child(i);
      Circuit b = sum.child(1 - i);
      if (x.shape().equals(sum.shape()) && Broadcast.isRowOf(b.shape().toArray(),
          sum.shape().toArray())) {
        return new Fusion(root, List.of(root, sum), List.of(x, b), BiasGeluRule::compute);
      }
    }
    return null;
  }

  private static Value compute(List<Value> values, BitSet donated, DataType floatType) {
    INDArray x = values.get(0).array();
    INDArray b = values.get(1).array();
    if (VectorFunctions.handles(SimpleFunction.GELU_NEW, x, floatType)) {
      float[] bias = LayerNormKernel.toFloats(LayerNormKernel.vector(b));
      return VectorFunctions.compute(SimpleFunction.GELU_NEW, values.get(0), donated.get(0),
          bias);
    }
    try (Scratch scratch = new Scratch()) {
      INDArray sum = scratch.track(Broadcast.add(DTypes.to(x, floatType, scratch),
          DTypes.to(b, floatType, scratch)));
      return Value.owned(SimpleFunction.GELU_NEW.evaluate(List.of(sum)));
    }
  }
}
