package dev.circuits.core.eval;

import java.util.Arrays;
import java.util.List;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Attention over the last two axes, one head (one position of the leading axes) at a time, in
 * float32 on the Vector API ({@link AttentionRule}, {@link VectorKernels#attention}): q, k and v
 * of a few heads are copied into Java arrays, the output rows computed and copied back.
 */
final class AttentionKernel {
  private static final int CHUNK_ELEMENTS = 1 << 15;

  private AttentionKernel() {}

  /**
   * {@code softmax(alpha q·kᵀ [∘ mask] [+ bias]) · v} per head, from the values
   * {@code [q, k, v, mask?, bias?]} (q [..., t, d], k [..., s, d], v [..., s, c]).
   */
  static Value compute(List<Value> values, boolean hasMask, boolean hasBias, double alpha) {
    try (Scratch scratch = new Scratch()) {
      INDArray q = LayerNormKernel.dense(values.get(0).array(), DataType.FLOAT, scratch);
      INDArray k = LayerNormKernel.dense(values.get(1).array(), DataType.FLOAT, scratch);
      INDArray v = LayerNormKernel.dense(values.get(2).array(), DataType.FLOAT, scratch);
      int n = q.rank() - 2;
      int t = (int) q.size(n);
      int d = (int) q.size(n + 1);
      int s = (int) k.size(n);
      int c = (int) v.size(n + 1);
      float[] mask = hasMask ? matrix(values.get(3).array(), t, s) : null;
      float[] bias = hasBias ? matrix(values.get(hasMask ? 4 : 3).array(), t, s) : null;
      long[] outShape = Arrays.copyOf(q.shape(), n + 2);
      outShape[n + 1] = c;
      INDArray out = BufferPool.shared().take(DataType.FLOAT, outShape);
      long heads = out.length() / ((long) t * c);
      VectorKernels.Head head = new VectorKernels.Head(t, s, d, c, (float) alpha, mask, bias);
      RowKernels.split(heads, (long) t * d + (long) s * (d + c), (from, to) ->
          run(head, q, k, v, out, from, to));
      return Value.owned(out);
    }
  }

  private static void run(VectorKernels.Head head, INDArray q, INDArray k, INDArray v,
      INDArray out, long from, long to) {
    int chunk = Math.max(1, CHUNK_ELEMENTS / (head.t() * head.d() + head.s() * (head.d()
        + head.c())));
    HostRows qs = new HostRows(q, q, head.t() * head.d(), chunk);
    HostRows ks = new HostRows(k, k, head.s() * head.d(), chunk);
    HostRows vs = new HostRows(v, v, head.s() * head.c(), chunk);
    HostRows os = new HostRows(out, out, head.t() * head.c(), chunk);
    float[] scratch = new float[head.s()];
    for (long first = from; first < to; first += chunk) {
      int n = (int) Math.min(chunk, to - first);
      qs.read(first, n);
      ks.read(first, n);
      vs.read(first, n);
      for (int i = 0; i < n; i++) {
        VectorKernels.attention(head, qs.floats(), ks.floats(), vs.floats(), os.floats(), i,
            scratch);
      }
      os.write(first, n);
    }
  }

  /** {@code a} (shape [..., t or 1, s or 1] with leading 1s) broadcast to a [t, s] matrix. */
  private static float[] matrix(INDArray a, int t, int s) {
    float[] out = new float[t * s];
    if (a.length() == (long) t * s && a.dataType() == DataType.FLOAT
        && NdViews.isCContiguous(a)) {
      new FloatPointer(a.data().pointer()).position(a.offset()).get(out);
      return out;
    }
    long rows = a.rank() >= 2 ? a.size(a.rank() - 2) : 1;
    long cols = a.rank() >= 1 ? a.size(a.rank() - 1) : 1;
    INDArray m = a.reshape(rows, cols).castTo(DataType.DOUBLE);
    for (int i = 0; i < t; i++) {
      for (int j = 0; j < s; j++) {
        out[i * s + j] = (float) m.getDouble(rows == 1 ? 0 : i, cols == 1 ? 0 : j);
      }
    }
    return out;
  }
}
