package dev.circuits.core.eval;

import dev.circuits.core.Index;
import dev.circuits.core.Scatter;
import dev.circuits.core.Shape;
import dev.circuits.core.spec.TensorIndex;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Evaluates dimwise Index (ints and slices as a strided view, then one gather per tensor axis; the
 * result is always a fresh copy so a small slice never pins a large buffer) and Scatter.
 */
final class IndexKernels {
  private IndexKernels() {}

  /** The part of an index that strides can express, plus the tensor axes left to gather. */
  private record Selection(long offset, long[] shape, long[] strides, List<Integer> gatherAxes,
      List<long[]> gatherPositions) {}

  static Value index(Index node, Value input) {
    INDArray x = input.array();
    Selection sel = select(node.index(), node.node().shape(), x.stride());
    try (Scratch scratch = new Scratch()) {
      Held h = Held.input(NdViews.strided(x, sel.shape(), sel.strides(), sel.offset()));
      for (int t = 0; t < sel.gatherAxes().size(); t++) {
        h = h.replacedBy(Held.fresh(gather(h.array(), sel.gatherAxes().get(t),
            sel.gatherPositions().get(t)), scratch), scratch);
      }
      if (h.base() == null) {
        h = Held.fresh(h.array().dup('c'), scratch);
      }
      return h.toValue(input, scratch);
    }
  }

  static Value scatter(Scatter node, Value input) {
    INDArray src = input.array();
    INDArray out = Nd4j.zeros(src.dataType(), node.shape().toArray());
    if (src.length() > 0) {
      Selection sel = select(node.index(), node.shape(), NdViews.cStrides(out.shape()));
      NdViews.strided(out, sel.shape(), sel.strides(), sel.offset()).assign(src);
    }
    return Value.owned(out);
  }

  private static Selection select(TensorIndex index, Shape in, long[] stride) {
    long offset = 0;
    List<Long> shape = new ArrayList<>();
    List<Long> strides = new ArrayList<>();
    List<Integer> gatherAxes = new ArrayList<>();
    List<long[]> positions = new ArrayList<>();
    for (int a = 0; a < in.rank(); a++) {
      long len = in.get(a);
      TensorIndex.Axis ax = a < index.size() ? index.axes().get(a) : TensorIndex.Slice.ALL;
      if (ax instanceof TensorIndex.Single s) {
        offset += (s.index() < 0 ? s.index() + len : s.index()) * stride[a];
      } else if (ax instanceof TensorIndex.Slice s) {
        offset += sliceStart(s, len) * stride[a];
        shape.add(s.size(len));
        strides.add(stride[a]);
      } else {
        long[] pos = ((TensorIndex.Tensor) ax).values().toLongVector();
        for (int i = 0; i < pos.length; i++) {
          pos[i] = pos[i] < 0 ? pos[i] + len : pos[i];
        }
        gatherAxes.add(shape.size());
        positions.add(pos);
        shape.add(len);
        strides.add(stride[a]);
      }
    }
    return new Selection(offset, shape.stream().mapToLong(Long::longValue).toArray(),
        strides.stream().mapToLong(Long::longValue).toArray(), gatherAxes, positions);
  }

  /** Where a slice starts on an axis of length {@code len} (rust_circuit's clamping). */
  static long sliceStart(TensorIndex.Slice s, long len) {
    if (s.start() == null) {
      return 0;
    }
    return s.start() < 0 ? Math.max(0, len + s.start()) : Math.min(len, s.start());
  }

  private static INDArray gather(INDArray x, int axis, long[] positions) {
    long[] shape = x.shape();
    shape[axis] = positions.length;
    INDArray out = Nd4j.createUninitialized(x.dataType(), shape);
    Nd4j.exec(DynamicCustomOp.builder("gather").addInputs(x, Nd4j.createFromArray(positions))
        .addOutputs(out).addIntegerArguments(axis).build());
    return out;
  }
}
