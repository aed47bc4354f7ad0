package dev.circuits.gpt2.sweep;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * What a forward run keeps of one layer, every array with the prompts first: the residual
 * entering the attention and the MLP ([N, T, d]), keys, values and mixed values per head
 * ([N, H, T, dh]), attention ([N, H, T, T]) and the MLP output without bias ([N, T, d]).
 */
record LayerState(INDArray residAttn, INDArray residMlp, INDArray keys, INDArray values,
    INDArray mixed, INDArray probs, INDArray mlpOut) {

  /** The arrays in a fixed order (for freeing and gathering). */
  INDArray[] arrays() {
    return new INDArray[] {residAttn, residMlp, keys, values, mixed, probs, mlpOut};
  }

  /** Prompts {@code picked} of every array (copies; repeats allowed). */
  LayerState gather(int[] picked) {
    INDArray[] a = arrays();
    INDArray[] out = new INDArray[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = gatherPrompts(a[i], picked);
    }
    return of(out);
  }

  /**
   * Rows {@code 0..fromRow-1} of this state (along each array's row axis) in front of
   * {@code suffix}'s rows; {@code fromRow == 0} is {@code suffix} itself.
   */
  LayerState joinedWith(LayerState suffix, int fromRow) {
    if (fromRow == 0) {
      return suffix;
    }
    INDArray[] a = arrays();
    INDArray[] s = suffix.arrays();
    INDArray[] out = new INDArray[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = Nd4j.concat(rowAxis(i), firstRows(a[i], rowAxis(i), fromRow), s[i]);
    }
    return of(out);
  }

  /** Frees every array (the state must not be shared). */
  void free() {
    RowOps.free(arrays());
  }

  /** The prompts {@code picked} of {@code a} along axis 0 (a copy). */
  static INDArray gatherPrompts(INDArray a, int[] picked) {
    long n = a.size(0);
    INDArray rows = RowOps.dense(a).reshape('c', n, a.length() / n);
    long[] shape = a.shape().clone();
    shape[0] = picked.length;
    return Nd4j.pullRows(rows, 1, picked).reshape('c', shape);
  }

  /** Rows {@code 0..count-1} of {@code a} along {@code axis} (a copy). */
  static INDArray firstRows(INDArray a, int axis, int count) {
    INDArrayIndex[] ix = new INDArrayIndex[a.rank()];
    for (int i = 0; i < ix.length; i++) {
      ix[i] = i == axis ? NDArrayIndex.interval(0, count) : NDArrayIndex.all();
    }
    return a.get(ix).dup('c');
  }

  /** The row (position) axis of array {@code i} of {@link #arrays()}: 1 for [N, T, d], else 2. */
  private static int rowAxis(int i) {
    return i == 0 || i == 1 || i == 6 ? 1 : 2;
  }

  private static LayerState of(INDArray[] a) {
    return new LayerState(a[0], a[1], a[2], a[3], a[4], a[5], a[6]);
  }
}
