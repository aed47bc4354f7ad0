package dev.circuits.core.spec;

import dev.circuits.core.ConstructException;
import dev.circuits.core.Shape;
import dev.circuits.core.internal.HashBuilder;
import java.util.List;
import java.util.UUID;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code gen_index(x, index, index_dim, batch_x, batch_index)}: gathers x along one dim with an
 * integer tensor (how token ids become embeddings). Shapes follow rust_circuit exactly.
 */
public record GenIndexSpec(long indexDim, boolean batchX, boolean batchIndex,
    boolean checkIndexInts) implements GeneralFunctionSpec {
  private static final UUID INDEX_UUID = UUID.fromString("442fde55-a1b7-4a69-98ff-bd40d7030ef2");

  /** The default form used for embeddings: {@code gen_index_at_{dim}}. */
  public static GenIndexSpec at(long indexDim) {
    return new GenIndexSpec(indexDim, false, true, false);
  }

  @Override
  public String fnName() {
    return "gen_index_at_" + indexDim + (batchX ? "_batch_x" : "")
        + (batchIndex ? "" : "_no_batch_index") + (checkIndexInts ? "_c" : "");
  }

  @Override
  public byte[] hashBytes() {
    return new HashBuilder().uuid(INDEX_UUID).u64(indexDim).bool(batchX).bool(batchIndex)
        .bool(checkIndexInts).digest();
  }

  private ConstructException invalid(Shape x, Shape idx) {
    return new ConstructException(ConstructException.Rule.GENERAL_FUNCTION_WRONG_INPUT,
        fnName() + ": index shape " + idx + " does not fit x shape " + x);
  }

  static int canon(long i, int count, String what) {
    if (i >= count || i < -count) {
      throw new ConstructException(ConstructException.Rule.GENERAL_FUNCTION_WRONG_INPUT,
          "index dim " + i + " out of bounds for " + what + " of rank " + count);
    }
    return (int) ((i + count) % count);
  }

  @Override
  public ShapeInfo shapeInfo(List<Shape> shapes) {
    if (shapes.size() != 2) {
      throw new ConstructException(ConstructException.Rule.GENERAL_FUNCTION_WRONG_INPUT,
          fnName() + " takes 2 inputs (x, index), got " + shapes.size());
    }
    Shape x = shapes.get(0);
    Shape idx = shapes.get(1);
    if (batchX && batchIndex) {
      int prefix = idx.rank();
      if (prefix >= x.rank() || !x.slice(0, prefix).equals(idx)) {
        throw invalid(x, idx);
      }
      int suffix = x.rank() - prefix;
      int d = canon(indexDim, suffix, "x's non-batch dims") + prefix;
      return new ShapeInfo(x.slice(0, d).concat(x.drop(d + 1)), suffix - 1, List.of(true, true));
    } else if (batchIndex) {
      int d = canon(indexDim, x.rank(), "x");
      return new ShapeInfo(idx.concat(x.slice(0, d)).concat(x.drop(d + 1)), x.rank() - 1,
          List.of(false, true));
    } else {
      if (batchX && indexDim >= 0) {
        throw new ConstructException(ConstructException.Rule.GENERAL_FUNCTION_WRONG_INPUT,
            fnName() + ": index dim must be negative when only x is batched");
      }
      int d = canon(indexDim, x.rank(), "x");
      Shape out = x.slice(0, d).concat(idx).concat(x.drop(d + 1));
      int nonBatch = batchX ? idx.rank() + x.rank() - d - 1 : out.rank();
      return new ShapeInfo(out, nonBatch, List.of(batchX, false));
    }
  }

  @Override
  public INDArray evaluate(List<INDArray> inputs) {
    return Kernels.genIndex(this, inputs.get(0), inputs.get(1));
  }
}
