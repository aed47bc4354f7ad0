package dev.circuits.core.eval;

import dev.circuits.core.GeneralFunction;
import dev.circuits.core.spec.CastSpec;
import dev.circuits.core.spec.GenIndexSpec;
import dev.circuits.core.spec.GeneralFunctionSpec;
import dev.circuits.core.spec.IndexValueException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Evaluates a GeneralFunction through its spec's ND4J kernel, with inputs in the evaluator's float
 * type (gen_index keeps an integer x and gets an int64 index) and the output normalised to the
 * dtype policy. Casts follow the policy directly: floats become the float type, integers int64.
 */
final class GeneralFunctionKernel {
  private GeneralFunctionKernel() {}

  static Value compute(GeneralFunction gf, List<Value> inputs, BitSet donated,
      DataType floatType) {
    GeneralFunctionSpec spec = gf.spec();
    if (spec instanceof CastSpec cast) {
      return cast(cast, inputs.get(0), floatType);
    }
    if (inputs.size() == 1 && VectorFunctions.handles(spec, inputs.get(0).array(), floatType)) {
      return VectorFunctions.compute(spec, inputs.get(0), donated.get(0), null);
    }
    try (Scratch scratch = new Scratch()) {
      List<INDArray> args = new ArrayList<>();
      for (int k = 0; k < inputs.size(); k++) {
        INDArray a = inputs.get(k).array();
        DataType want = floatType;
        if (spec instanceof GenIndexSpec) {
          want = k == 1 || a.dataType() == DataType.INT64 ? DataType.INT64 : floatType;
        }
        args.add(DTypes.to(a, want, scratch));
      }
      INDArray out;
      try {
        out = spec.evaluate(args);
      } catch (IndexValueException e) {
        throw new EvaluationException("evaluating " + gf.describe() + ": " + e.getMessage(), e);
      }
      for (INDArray a : args) {
        if (NdViews.sharesMemory(out, a)) { // a kernel returned (a view of) its input
          out = out.dup();
        }
      }
      DataType target = DTypes.leafType(out.dataType(), floatType);
      if (out.dataType() != target) {
        INDArray raw = scratch.track(out);
        out = raw.castTo(target);
      }
      return Value.owned(out);
    }
  }

  private static Value cast(CastSpec cast, Value input, DataType floatType) {
    INDArray x = input.array();
    String to = cast.toDtype();
    if (to == null) {
      return input.view(x);
    }
    DataType target = CastSpec.dataType(to);
    if (target == DataType.BOOL) {
      try (Scratch scratch = new Scratch()) {
        return Value.owned(scratch.track(x.castTo(DataType.BOOL)).castTo(floatType));
      }
    }
    DataType policy = DTypes.leafType(target, floatType);
    return x.dataType() == policy ? input.view(x) : Value.owned(x.castTo(policy));
  }
}
