package dev.circuits.gpt2.sweep;

import dev.circuits.core.CircuitException;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * One head's output and attention at one query row, recomputed with its query, keys and values
 * each taken from a chosen forward run (by default the baseline's): what a path patch through
 * one channel of a head does to that head. The query may also be computed from a residual row of
 * the caller's (e.g. the baseline's plus some senders' patch-minus-baseline outputs). Example:
 * {@code HeadRow.of(base, 9, 6, end).keysFrom(patch).compute().probs()}.
 */
public final class HeadRow {
  private final ForwardRun base;
  private final int layer;
  private final int head;
  private final int row;
  private ForwardRun keys;
  private ForwardRun values;
  private INDArray queryResidual;

  private HeadRow(ForwardRun base, int layer, int head, int row) {
    RowModel m = base.model();
    if (layer < 0 || layer >= m.layers() || head < 0 || head >= m.heads() || row < 0
        || row >= base.rows()) {
      throw new CircuitException("head " + layer + "." + head + " at row " + row + " is not in "
          + "this run (" + m.layers() + " layers of " + m.heads() + " heads, " + base.rows()
          + " rows)");
    }
    this.base = base;
    this.layer = layer;
    this.head = head;
    this.row = row;
    this.keys = base;
    this.values = base;
    this.queryResidual = base.residAttnRow(layer, row);
  }

  /** Head {@code (layer, head)} at query {@code row}, everything from {@code base}. */
  public static HeadRow of(ForwardRun base, int layer, int head, int row) {
    return new HeadRow(base, layer, head, row);
  }

  /** The query from {@code run}'s residual at this row (all paths into the query patched). */
  public HeadRow queryFrom(ForwardRun run) {
    return queryResidual(compatible(run).residAttnRow(layer, row));
  }

  /** The query from residual row {@code residual} ([N, d]) instead. */
  public HeadRow queryResidual(INDArray residual) {
    this.queryResidual = residual;
    return this;
  }

  /** Every key row from {@code run} (all paths into the keys patched). */
  public HeadRow keysFrom(ForwardRun run) {
    this.keys = compatible(run);
    return this;
  }

  /** Every value row from {@code run} (all paths into the values patched). */
  public HeadRow valuesFrom(ForwardRun run) {
    this.values = compatible(run);
    return this;
  }

  /** The recomputed row: output [N, d] (without the layer's bias) and attention [N, row + 1]. */
  public Result compute() {
    RowModel m = base.model();
    int n = base.prompts();
    int dh = m.dHead();
    INDArray x = Layers.attnNorm(m, layer, queryResidual);
    INDArray q = RowOps.mm(x, m.headProjection(layer, 0, head), true)
        .addiRowVector(m.headBias(layer, 0, head)).muli(1.0 / Math.sqrt(dh));
    INDArray k = rows(keys.keysOrValues(layer, false));
    INDArray v = rows(values.keysOrValues(layer, true));
    INDArray scores = RowOps.bmm(q.reshape('c', n, 1, dh), k, true);
    INDArray probs = RowOps.softmax(scores).reshape('c', n, row + 1);
    INDArray comb = RowOps.bmm(probs.reshape('c', n, 1, row + 1), v, false);
    INDArray out = RowOps.mm(comb.reshape('c', n, dh), m.headOutputMap(layer, head), false);
    RowOps.free(x, q, k, v, comb);
    return new Result(out, probs);
  }

  /** A recomputed head row: its output [N, d] and attention over keys 0..row [N, row + 1]. */
  public record Result(INDArray output, INDArray probs) {}

  /** This head's keys or values at rows 0..row of {@code kv} [N, H, T, dh]: [N, row+1, dh]. */
  private INDArray rows(INDArray kv) {
    return kv.get(NDArrayIndex.all(), NDArrayIndex.point(head), NDArrayIndex.interval(0, row + 1),
        NDArrayIndex.all()).dup('c');
  }

  private ForwardRun compatible(ForwardRun run) {
    if (run.model() != base.model() || run.prompts() != base.prompts()
        || run.rows() <= row) {
      throw new CircuitException("a run of " + run.prompts() + " prompts x " + run.rows()
          + " rows of another or shorter model cannot feed head " + layer + "." + head
          + " at row " + row + " of this run (" + base.prompts() + " prompts)");
    }
    return run;
  }
}
