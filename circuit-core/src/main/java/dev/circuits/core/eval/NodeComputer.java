package dev.circuits.core.eval;

import dev.circuits.core.Add;
import dev.circuits.core.Array;
import dev.circuits.core.Circuit;
import dev.circuits.core.CircuitException;
import dev.circuits.core.Concat;
import dev.circuits.core.Einsum;
import dev.circuits.core.GeneralFunction;
import dev.circuits.core.Index;
import dev.circuits.core.Rearrange;
import dev.circuits.core.Scalar;
import dev.circuits.core.Scatter;
import dev.circuits.core.TensorBudget;
import java.util.BitSet;
import java.util.List;
import java.util.function.Supplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Computes one node's value from its children's values (dispatch on the node kind). */
final class NodeComputer {
  private final DataType floatType;
  private final EinsumKernel einsum;

  NodeComputer(DataType floatType, EinsumPlanner planner) {
    this.floatType = floatType;
    this.einsum = new EinsumKernel(planner, floatType);
  }

  /** The float type values are computed in. */
  DataType floatType() {
    return floatType;
  }

  /**
   * The value of {@code c}; the caller holds the returned value's one reference. Inputs in
   * {@code donated} may be overwritten (their holder's reference is released right after).
   */
  Value compute(Circuit c, List<Value> inputs, BitSet donated) {
    return guarded(c, inputs, () -> dispatch(c, inputs, donated));
  }

  /** The value of a fusion's root from its inputs' values (see {@link #compute}). */
  Value computeFused(Fusion fusion, List<Value> inputs, BitSet donated) {
    return guarded(fusion.root(), inputs, () -> fusion.kernel().compute(inputs, donated,
        floatType));
  }

  /** The values of a group of sibling einsums from their shared operand's value. */
  List<Value> computeSiblings(SiblingEinsums.Group group, Value x) {
    Circuit first = group.members().get(0);
    for (Circuit m : group.members()) {
      checkSize(m);
    }
    return named(first, () -> SiblingEinsums.compute(group, x, einsum, floatType));
  }

  /** Runs {@code kernel} for {@code c} after the size checks, naming {@code c} in errors. */
  private Value guarded(Circuit c, List<Value> inputs, Supplier<Value> kernel) {
    checkSize(c);
    return named(c, () -> c.kind() != dev.circuits.core.Kind.ARRAY && c.shape().numel() == 0
        ? Value.owned(Nd4j.create(emptyType(c, inputs), c.shape().toArray())) : kernel.get());
  }

  private void checkSize(Circuit c) {
    if (c.kind() != dev.circuits.core.Kind.ARRAY) {
      String why = TensorBudget.whyTooLarge(c.shape(), 0, floatType.width(), false);
      if (why != null) {
        throw new EvaluationException("cannot evaluate " + c.describe() + ": its value " + why);
      }
    }
  }

  /** {@code kernel}'s result; an unexpected failure becomes an error naming {@code c}. */
  private static <T> T named(Circuit c, Supplier<T> kernel) {
    try {
      return kernel.get();
    } catch (CircuitException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new EvaluationException("evaluating " + c.describe() + " failed: " + e, e);
    }
  }

  private Value dispatch(Circuit c, List<Value> inputs, BitSet donated) {
    return switch (c.kind()) {
      case ARRAY -> leaf(((Array) c).value());
      case SCALAR -> scalar((Scalar) c);
      case EINSUM -> einsum.compute((Einsum) c, inputs);
      case ADD -> CombineKernels.add((Add) c, inputs, donated, floatType);
      case CONCAT -> CombineKernels.concat((Concat) c, inputs, floatType);
      case REARRANGE -> RearrangeKernel.compute((Rearrange) c, inputs.get(0));
      case INDEX -> IndexKernels.index((Index) c, inputs.get(0));
      case SCATTER -> IndexKernels.scatter((Scatter) c, inputs.get(0));
      case GENERAL_FUNCTION -> GeneralFunctionKernel.compute((GeneralFunction) c, inputs,
          donated, floatType);
      case TAG -> inputs.get(0).view(inputs.get(0).array());
      case SET_SYMBOLIC_SHAPE -> setShape(c, inputs.get(0));
      case SYMBOL, DISCRETE_VAR, MODULE -> throw new EvaluationException("cannot evaluate "
          + c.describe() + ": a " + c.kind().displayName() + " has no value (substitute modules, "
          + "bind symbols and sample vars first)");
    };
  }

  /** SetSymbolicShape is the identity once its shape is concrete (the child's value matches). */
  private static Value setShape(Circuit c, Value child) {
    long[] actual = child.array().shape();
    if (!java.util.Arrays.equals(actual, c.shape().toArray())) {
      throw new EvaluationException("cannot evaluate " + c.describe() + ": its child's value has "
          + "shape " + java.util.Arrays.toString(actual) + " (symbolic sizes must be bound first)");
    }
    return child.view(child.array());
  }

  private Value leaf(INDArray a) {
    DataType t = DTypes.leafType(a.dataType(), floatType);
    return a.dataType() == t ? Value.borrowed(a) : Value.owned(a.castTo(t));
  }

  private Value scalar(Scalar s) {
    long[] shape = s.shape().toArray();
    return Value.owned(shape.length == 0 ? Nd4j.scalar(floatType, s.value())
        : Nd4j.valueArrayOf(shape, s.value(), floatType));
  }

  /** Structural nodes over int64 children stay int64; everything else is in the float type. */
  private DataType emptyType(Circuit c, List<Value> inputs) {
    boolean structural = switch (c.kind()) {
      case REARRANGE, INDEX, SCATTER, TAG, CONCAT, ADD, SET_SYMBOLIC_SHAPE -> true;
      default -> false;
    };
    if (!structural || inputs.isEmpty()) {
      return floatType;
    }
    return DTypes.common(inputs.stream().map(Value::array).toList(), floatType);
  }
}
