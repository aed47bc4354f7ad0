package dev.circuits.core.eval;

import dev.circuits.core.Add;
import dev.circuits.core.Concat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Evaluates the nodes that combine several children elementwise or side by side: Add, Concat. */
final class CombineKernels {
  private CombineKernels() {}

  /**
   * Numpy-broadcasting sum, accumulated in place: in a donated input of the output's shape and
   * type when there is one (e.g. a GEMM result plus its bias), else in one fresh buffer.
   */
  static Value add(Add node, List<Value> inputs, BitSet donated, DataType floatType) {
    List<INDArray> arrays = arrays(inputs);
    DataType t = DTypes.common(arrays, floatType);
    long[] outShape = node.shape().toArray();
    if (arrays.isEmpty()) {
      return Value.owned(Nd4j.scalar(t, 0.0));
    }
    if (arrays.size() == 1 && arrays.get(0).dataType() == t
        && Arrays.equals(arrays.get(0).shape(), outShape)) {
      return inputs.get(0).view(arrays.get(0));
    }
    int donor = donor(arrays, donated, t, outShape);
    try (Scratch scratch = new Scratch()) {
      if (donor >= 0) {
        INDArray acc = arrays.get(donor);
        for (int k = 0; k < arrays.size(); k++) {
          if (k != donor) {
            Broadcast.addInPlace(acc, DTypes.to(arrays.get(k), t, scratch));
          }
        }
        return inputs.get(donor).view(acc);
      }
      INDArray first = DTypes.to(arrays.get(0), t, scratch);
      INDArray acc;
      if (arrays.size() > 1) {
        acc = Broadcast.add(first, DTypes.to(arrays.get(1), t, scratch));
      } else if (Arrays.equals(first.shape(), outShape)) {
        scratch.keep(first); // a cast copy made just above
        acc = first;
      } else {
        acc = Broadcast.copyTo(first, outShape);
      }
      for (int k = 2; k < arrays.size(); k++) {
        INDArray next = DTypes.to(arrays.get(k), t, scratch);
        if (Broadcast.covers(acc.shape(), next.shape())) {
          Broadcast.addInPlace(acc, next);
        } else {
          INDArray grown = Broadcast.add(acc, next);
          Scratch.closeQuietly(acc);
          acc = grown;
        }
      }
      return Value.owned(acc);
    }
  }

  /** The first donated input that can hold the sum as it is, or -1. */
  private static int donor(List<INDArray> arrays, BitSet donated, DataType t, long[] outShape) {
    for (int k = donated.nextSetBit(0); k >= 0; k = donated.nextSetBit(k + 1)) {
      INDArray a = arrays.get(k);
      if (a.dataType() == t && Arrays.equals(a.shape(), outShape)) {
        return k;
      }
    }
    return -1;
  }

  /** Concatenation along the node's axis (empty children are skipped). */
  static Value concat(Concat node, List<Value> inputs, DataType floatType) {
    List<INDArray> arrays = arrays(inputs);
    DataType t = DTypes.common(arrays, floatType);
    List<Integer> nonEmpty = new ArrayList<>();
    for (int k = 0; k < arrays.size(); k++) {
      if (arrays.get(k).length() > 0) {
        nonEmpty.add(k);
      }
    }
    if (nonEmpty.size() == 1 && arrays.get(nonEmpty.get(0)).dataType() == t) {
      return inputs.get(nonEmpty.get(0)).view(arrays.get(nonEmpty.get(0)));
    }
    try (Scratch scratch = new Scratch()) {
      INDArray[] parts = new INDArray[nonEmpty.size()];
      for (int i = 0; i < parts.length; i++) {
        parts[i] = DTypes.to(arrays.get(nonEmpty.get(i)), t, scratch);
      }
      return Value.owned(parts.length == 1 ? parts[0].dup('c') : Nd4j.concat(node.axis(), parts));
    }
  }

  private static List<INDArray> arrays(List<Value> inputs) {
    List<INDArray> out = new ArrayList<>();
    for (Value v : inputs) {
      out.add(v.array());
    }
    return out;
  }
}
