package dev.circuits.core.library;

import dev.circuits.core.ConstructException;
import dev.circuits.core.Shape;
import dev.circuits.core.internal.HashBuilder;
import dev.circuits.core.spec.GeneralFunctionSpec;
import java.util.List;
import java.util.UUID;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * rust_circuit's {@code ApplyRotaryPosEmb} (printed
 * {@code apply_rotary_pos_emb at rust_circuit.generalfuncs.rotary_pos_emb:ApplyRotaryPosEmb}):
 * rotary position embeddings (GPT-J/CodeGen style, interleaved pairs) applied to an input of shape
 * {@code [..., seq, 2, half]}, whose last two dims flatten to the rotary dim {@code 2*half}.
 */
public final class RotaryPosEmb implements GeneralFunctionSpec {
  /** The one instance (the spec has no parameters). */
  public static final RotaryPosEmb INSTANCE = new RotaryPosEmb();

  private static final UUID PY_WRAP = UUID.fromString("de3124ee-154c-4da8-bdb3-b7496ae6223c");
  private static final UUID SPEC = UUID.fromString("a00070be-b82b-495f-953f-633d0ab6829b");

  private RotaryPosEmb() {}

  @Override
  public String fnName() {
    return "apply_rotary_pos_emb";
  }

  @Override
  public String serializedName() {
    return "apply_rotary_pos_emb at rust_circuit.generalfuncs.rotary_pos_emb:ApplyRotaryPosEmb";
  }

  /** rust's hash of a Python spec: blake3 of the PyWrap uuid and the spec's hash bytes. */
  @Override
  public byte[] hashBytes() {
    return new HashBuilder().uuid(PY_WRAP).uuid(SPEC).digest();
  }

  @Override
  public ShapeInfo shapeInfo(List<Shape> inputShapes) {
    if (inputShapes.size() != 1) {
      throw new ConstructException(ConstructException.Rule.GENERAL_FUNCTION_WRONG_INPUT,
          fnName() + " takes 1 input, got " + inputShapes.size());
    }
    Shape s = inputShapes.get(0);
    if (s.rank() < 3 || s.get(-2) != 2) {
      throw new ConstructException(ConstructException.Rule.GENERAL_FUNCTION_WRONG_INPUT,
          fnName() + " needs an input [..., seq, 2, half], got " + s);
    }
    return new ShapeInfo(s, 3, List.of(true));
  }

  /**
   * {@code out = x * cos + rotate_every_two(x) * sin} over the flattened rotary dim, with
   * frequencies {@code pos / 10000^(2i / dim)} repeated for each pair.
   */
  @Override
  public INDArray evaluate(List<INDArray> inputs) {
    INDArray x = inputs.get(0);
    long[] shape = x.shape();
    int r = shape.length;
    int seq = Math.toIntExact(shape[r - 3]);
    int dim = Math.toIntExact(2 * shape[r - 1]);
    double[] in = x.dup('c').data().asDouble();
    double[] out = new double[in.length];
    int block = seq * dim;
    for (int b = 0; b < in.length / Math.max(1, block); b++) {
      for (int p = 0; p < seq; p++) {
        int base = b * block + p * dim;
        for (int pair = 0; pair < dim / 2; pair++) {
          double angle = p / Math.pow(10000.0, (2.0 * pair) / dim);
          double cos = Math.cos(angle);
          double sin = Math.sin(angle);
          double even = in[base + 2 * pair];
          double odd = in[base + 2 * pair + 1];
          out[base + 2 * pair] = even * cos - odd * sin;
          out[base + 2 * pair + 1] = odd * cos + even * sin;
        }
      }
    }
    return Nd4j.create(out, shape, DataType.DOUBLE).castTo(x.dataType());
  }
}
