package dev.circuits.gpt2.sweep;

import dev.circuits.gpt2.model.Gpt2Weights;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * One GPT-2 block on a batch of row suffixes: residual rows {@code [S, N, R, d]} (S variants of
 * each of N prompts, rows {@code r..r+R-1}) whose keys and values at rows {@code 0..r-1} are
 * shared by the S variants of a prompt (prefix [N, H, r, dh]). The causal mask and masked score
 * (-10000) are those of the circuit, so both engines compute the same function.
 */
final class Layers {
  /** The score the circuit gives masked keys. */
  static final float MASKED = -10000f;

  private Layers() {}

  /**
   * Queries (scaled by 1/sqrt(dh)), keys and values, each [N, H, S, R, dh], views of one buffer
   * that {@link #close} frees.
   */
  record Qkv(INDArray q, INDArray k, INDArray v, INDArray buffer) implements AutoCloseable {
    @Override
    public void close() {
      RowOps.free(buffer);
    }
  }

  /** LayerNorm 1 of layer {@code l} on rows [S, N, R, d] (as [S*N*R, d]). */
  static INDArray attnNorm(RowModel m, int l, INDArray rows2d) {
    Gpt2Weights.Layer w = m.block(l).layer();
    return RowOps.layerNorm(rows2d, w.attnLnScale(), w.attnLnBias(), m.eps());
  }

  /** q, k, v of every head from residual rows [S, N, R, d]. */
  static Qkv qkv(RowModel m, int l, INDArray resid) {
    long[] s = resid.shape();
    int h = m.heads();
    int dh = m.dHead();
    INDArray x = attnNorm(m, l, resid.reshape('c', s[0] * s[1] * s[2], s[3]));
    INDArray qkv = RowOps.mm(x, m.block(l).qkvT(), true).addiRowVector(m.block(l).qkvBias());
    INDArray split = RowOps.permuteKeepingLast(qkv.reshape('c', s[0], s[1], s[2], 3, h, dh),
        3, 1, 4, 0, 2, 5);
    RowOps.free(x, qkv);
    INDArray q = split.get(NDArrayIndex.point(0)).muli(1.0 / Math.sqrt(dh));
    return new Qkv(q, split.get(NDArrayIndex.point(1)), split.get(NDArrayIndex.point(2)), split);
  }

  /**
   * Mixed values {@code [N, H, S, R, dh]}: each row attends to the prefix keys and to the suffix
   * rows up to itself. {@code preK}/{@code preV} are [N, H, r, dh], or null when r = 0.
   */
  static INDArray attend(Qkv x, INDArray preK, INDArray preV) {
    return attend(x, preK, preV, false).comb();
  }

  /** Mixed values [N, H, S, R, dh] and, if {@code keepProbs}, the attention [N, H, S, R, r+R]. */
  record Mixed(INDArray comb, INDArray probs) {}

  /** As {@link #attend(Qkv, INDArray, INDArray)}, keeping the probabilities if asked. */
  static Mixed attend(Qkv x, INDArray preK, INDArray preV, boolean keepProbs) {
    long[] s = x.q().shape();
    long n = s[0];
    long h = s[1];
    long vars = s[2];
    long rows = s[3];
    long dh = s[4];
    long r = preK == null ? 0 : preK.size(2);
    long b = n * h * vars;
    INDArray q3 = x.q().reshape('c', b, rows, dh);
    INDArray suffix = RowOps.bmm(q3, x.k().reshape('c', b, rows, dh), true);
    Mask mask = Mask.of((int) rows);
    suffix.reshape('c', b, rows * rows).muliRowVector(mask.keep()).addiRowVector(mask.neg());
    INDArray scores = suffix;
    if (r > 0) {
      INDArray prefix = RowOps.bmm(x.q().reshape('c', n * h, vars * rows, dh),
          preK.reshape('c', n * h, r, dh), true);
      scores = Nd4j.concat(2, prefix.reshape('c', b, rows, r), suffix);
      RowOps.free(prefix, suffix);
    }
    INDArray probs = RowOps.softmax(scores);
    INDArray comb;
    if (r == 0) {
      comb = RowOps.bmm(probs, x.v().reshape('c', b, rows, dh), false);
    } else {
      INDArray pPre = probs.get(NDArrayIndex.all(), NDArrayIndex.all(),
          NDArrayIndex.interval(0, r)).dup('c');
      INDArray pSuf = probs.get(NDArrayIndex.all(), NDArrayIndex.all(),
          NDArrayIndex.interval(r, r + rows)).dup('c');
      comb = RowOps.bmm(pSuf, x.v().reshape('c', b, rows, dh), false);
      INDArray fromPrefix = RowOps.bmm(pPre.reshape('c', n * h, vars * rows, r),
          preV.reshape('c', n * h, r, dh), false);
      comb.addi(fromPrefix.reshape('c', b, rows, dh));
      RowOps.free(pPre, pSuf, fromPrefix);
    }
    if (!keepProbs) {
      RowOps.free(probs);
    }
    return new Mixed(comb.reshape('c', n, h, vars, rows, dh),
        keepProbs ? probs.reshape('c', n, h, vars, rows, r + rows) : null);
  }

  /** Sum over heads of each head's output map applied to {@code comb}: [S, N, R, d]. */
  static INDArray project(RowModel m, int l, INDArray comb) {
    long[] s = comb.shape();
    INDArray rowsByHead = RowOps.permuteKeepingLast(comb, 2, 0, 3, 1, 4);
    INDArray out = RowOps.mm(rowsByHead.reshape('c', s[2] * s[0] * s[3], s[1] * s[4]),
        m.block(l).oT(), false);
    RowOps.free(rowsByHead);
    return out.reshape('c', s[2], s[0], s[3], m.dModel());
  }

  /**
   * Rows per step of the MLP's hidden layer: keeps its [rows, 4d] buffer under glibc's largest
   * mmap threshold (32 MB), above which every allocation gets fresh pages (slow on these VMs).
   */
  static final int MLP_ROWS = 2048;

  /** The MLP of layer {@code l} on residual rows [S, N, R, d], without its output bias. */
  static INDArray mlp(RowModel m, int l, INDArray resid) {
    long[] s = resid.shape();
    long total = s[0] * s[1] * s[2];
    Gpt2Weights.Layer w = m.block(l).layer();
    INDArray rows = resid.reshape('c', total, s[3]);
    INDArray out = Nd4j.createUninitialized(rows.dataType(), total, s[3]);
    for (long from = 0; from < total; from += MLP_ROWS) {
      long to = Math.min(total, from + MLP_ROWS);
      INDArray part = total <= MLP_ROWS ? rows
          : rows.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
      INDArray x = RowOps.layerNorm(part, w.mlpLnScale(), w.mlpLnBias(), m.eps());
      INDArray pre = RowOps.mm(x, w.projIn(), true).addiRowVector(w.inBias());
      RowOps.free(x);
      INDArray act = RowOps.activate(pre, m.erfGelu());
      INDArray y = RowOps.mm(act, w.projOut(), true);
      RowOps.free(act);
      if (total <= MLP_ROWS) {
        RowOps.free(out);
        return y.reshape('c', s);
      }
      out.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()).assign(y);
      RowOps.free(y);
    }
    return out.reshape('c', s);
  }

  /** Adds {@code perPrompt} ([N, R, d]) to every variant of {@code x} ([S, N, R, d]) in place. */
  static INDArray addToEachVariant(INDArray x, INDArray perPrompt) {
    x.reshape('c', x.size(0), perPrompt.length()).addiRowVector(RowOps.flat(perPrompt));
    return x;
  }

  /** [S, N, R, d] copies of the per-prompt rows {@code perPrompt} ([N, R, d]). */
  static INDArray repeat(INDArray perPrompt, long variants) {
    INDArray out = Nd4j.zeros(DataType.FLOAT, variants, perPrompt.size(0), perPrompt.size(1),
        perPrompt.size(2));
    return addToEachVariant(out, perPrompt);
  }

  /** The causal mask of R suffix rows as flat [R*R] rows: 1 where key <= query, and -10000 else. */
  record Mask(INDArray keep, INDArray neg) {
    private static final java.util.Map<Integer, Mask> CACHE =
        new java.util.concurrent.ConcurrentHashMap<>();

    static Mask of(int rows) {
      return CACHE.computeIfAbsent(rows, Mask::build);
    }

    private static Mask build(int rows) {
      float[] keep = new float[rows * rows];
      float[] neg = new float[rows * rows];
      for (int i = 0; i < rows; i++) {
        for (int j = 0; j < rows; j++) {
          keep[i * rows + j] = j <= i ? 1f : 0f;
          neg[i * rows + j] = j <= i ? 0f : MASKED;
        }
      }
      return new Mask(Nd4j.createFromArray(keep), Nd4j.createFromArray(neg));
    }
  }
}
