package dev.circuits.gpt2.sweep;

import dev.circuits.gpt2.model.Head;
import dev.circuits.gpt2.model.Channel;
import dev.circuits.gpt2.model.Gpt2Weights;
import dev.circuits.gpt2.model.NodeSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * One batch of senders through the receivers and everything after them: the residual rows
 * {@code r..readRow} of every sender's variant ([S, N, R, d]) are carried from the first receiver
 * layer to the top, each layer recomputed with the baseline's keys and values for the rows before
 * r; receivers compute their row r from a channel input in which the sender's output (at its row)
 * is the patch run's instead of what this variant's residual holds.
 */
final class Downstream {
  private final ForwardRun base;
  private final RowModel m;
  private final SweepSpec spec;
  private final List<Head> receivers;
  private final List<NodeSpec> senders;
  private final INDArray deltas;
  private final int r;
  private final int p;
  private final int rows;
  private final long variants;
  private final int prompts;
  private final boolean hasQ;
  private final boolean hasK;
  private final boolean hasV;
  private final int start;

  /**
   * A batch of {@code senders} (with their patch-minus-baseline outputs {@code deltas} [S, N, d])
   * whose first receiver after their own layer is in layer {@code start}.
   */
  Downstream(ForwardRun base, SweepSpec spec, List<Head> receivers, List<NodeSpec> senders,
      INDArray deltas, int start) {
    this.base = base;
    this.m = base.model();
    this.spec = spec;
    this.receivers = receivers;
    this.senders = senders;
    this.deltas = deltas;
    this.r = spec.receiverRow();
    this.p = spec.senderRow();
    this.rows = spec.readRow() - r + 1;
    this.variants = senders.size();
    this.prompts = base.prompts();
    Channel c = spec.channel();
    this.hasQ = (c == Channel.Q || c == Channel.ALL) && p == r;
    this.hasK = c == Channel.K || c == Channel.ALL;
    this.hasV = c == Channel.V || c == Channel.ALL;
    this.start = start;
  }

  /** The logit difference of every variant: [S, N]. */
  INDArray logitDiff(INDArray labels) {
    INDArray resid = firstLayer(start);
    for (int l = start + 1; l < m.layers(); l++) {
      INDArray next = layer(l, resid);
      if (next != resid) {
        RowOps.free(resid);
        resid = next;
      }
    }
    INDArray last = rowOf(resid, (int) resid.size(2) - 1).dup('c');
    RowOps.free(resid);
    INDArray ld = Readout.logitDiff(m, last, labels);
    RowOps.free(last);
    return ld;
  }

  /**
   * Layer {@code l}, the first with a receiver after every sender of the batch: there only the
   * receivers' row r changes (nothing before it differs from the baseline), so the attention of
   * the other heads and the MLP of the other rows are the baseline's. Returns the next layer's
   * input rows [S, N, R, d].
   */
  private INDArray firstLayer(int l) {
    int d = m.dModel();
    INDArray baseRow = base.residIn(l, r, 1).reshape('c', 1, prompts, 1, d);
    Layers.Qkv x = Layers.qkv(m, l, baseRow);
    INDArray change = Nd4j.zeros(DataType.FLOAT, variants, prompts, d);
    for (Head h : receivers) {
      if (h.layer() == l) {
        INDArray out = receiverRow(l, h.head(), x, null);
        change.addi(out);
        RowOps.free(out);
        Layers.addToEachVariant(change, base.headOutput(l, h.head(), r).negi());
      }
    }
    x.close();
    INDArray residMlp = Layers.addToEachVariant(change.dup('c'), base.residMlp(l, r))
        .reshape('c', variants, prompts, 1, d);
    INDArray mlp = Layers.mlp(m, l, residMlp);
    change.addi(mlp.reshape('c', variants, prompts, d));
    RowOps.free(residMlp, mlp, baseRow);
    Layers.addToEachVariant(change, base.mlpOutput(l, r).negi());
    INDArray next = Layers.repeat(base.residIn(l + 1, r, rows), variants);
    rowOf(next, 0).addi(change);
    RowOps.free(change);
    return next;
  }

  /**
   * Layer {@code l} recomputed on every variant's rows [S, N, R, d], in place in {@code resid};
   * in the last layer only row readRow is read afterwards, so with several rows only that one is
   * carried on (returned as [S, N, 1, d]; the others still give their keys and values).
   */
  private INDArray layer(int l, INDArray resid) {
    int d = m.dModel();
    Layers.Qkv x = Layers.qkv(m, l, resid);
    INDArray preK = r > 0 ? base.prefix(l, r, false) : null;
    INDArray preV = r > 0 ? base.prefix(l, r, true) : null;
    INDArray comb = Layers.attend(x, preK, preV);
    RowOps.free(preK, preV);
    if (l == m.layers() - 1 && rows > 1) {
      x.close();
      return lastRowOnly(l, resid, comb);
    }
    Map<Integer, INDArray> received = new HashMap<>();
    for (Head h : receivers) {
      if (h.layer() == l) {
        received.put(h.head(), receiverRow(l, h.head(), x, resid));
      }
    }
    x.close();
    INDArray masked = comb;
    for (int h = 0; h < m.heads(); h++) {
      for (int row = 0; row < rows; row++) {
        if (base.overrides().frozen(l, h, r + row) || (row == 0 && received.containsKey(h))) {
          masked = masked == comb ? comb.dup('c') : masked;
          masked.get(NDArrayIndex.all(), NDArrayIndex.point(h), NDArrayIndex.all(),
              NDArrayIndex.point(row), NDArrayIndex.all()).assign(0);
        }
      }
    }
    INDArray attn = Layers.project(m, l, masked);
    RowOps.free(masked, comb);
    for (int h = 0; h < m.heads(); h++) {
      for (int row = 0; row < rows; row++) {
        final int at = row;
        base.overrides().value(l, h, r + row).ifPresent(v -> addToRow(attn, at, v));
      }
    }
    for (INDArray out : received.values()) {
      rowOf(attn, 0).addi(out);
      RowOps.free(out);
    }
    Gpt2Weights.Layer w = m.block(l).layer();
    resid.addi(attn).reshape('c', variants * prompts * rows, d).addiRowVector(w.oBias());
    RowOps.free(attn);
    INDArray mlp = Layers.mlp(m, l, resid);
    resid.addi(mlp).reshape('c', variants * prompts * rows, d).addiRowVector(w.outBias());
    RowOps.free(mlp);
    return resid;
  }

  /**
   * The last layer at row readRow only ([S, N, 1, d]) from the mixed values of every row
   * ({@code comb}, freed here). A receiver's row r is not readRow here, so its change is not read.
   */
  private INDArray lastRowOnly(int l, INDArray resid, INDArray comb) {
    int d = m.dModel();
    int end = rows - 1;
    INDArray last = comb.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all(),
        NDArrayIndex.interval(end, rows), NDArrayIndex.all()).dup('c');
    RowOps.free(comb);
    for (int h = 0; h < m.heads(); h++) {
      if (base.overrides().frozen(l, h, r + end)) {
        last.get(NDArrayIndex.all(), NDArrayIndex.point(h), NDArrayIndex.all(),
            NDArrayIndex.point(0), NDArrayIndex.all()).assign(0);
      }
    }
    INDArray attn = Layers.project(m, l, last);
    RowOps.free(last);
    for (int h = 0; h < m.heads(); h++) {
      base.overrides().value(l, h, r + end).ifPresent(v -> addToRow(attn, 0, v));
    }
    Gpt2Weights.Layer w = m.block(l).layer();
    INDArray out = rowOf(resid, end).dup('c').reshape('c', variants, prompts, 1, d);
    out.addi(attn).reshape('c', variants * prompts, d).addiRowVector(w.oBias());
    RowOps.free(attn);
    INDArray mlp = Layers.mlp(m, l, out);
    out.addi(mlp).reshape('c', variants * prompts, d).addiRowVector(w.outBias());
    RowOps.free(mlp);
    return out;
  }

  /**
   * Receiver head {@code h}'s output at row r for every variant ([S, N, d]), its channel input at
   * row p being this variant's residual there plus the sender's patch-minus-baseline output where
   * the sender has a direct path to this layer. (In a sender's own variant nothing changes before
   * the first receiver after the sender's layer, so the residual still holds the sender's baseline
   * output at row p, and adding the difference replaces it by the patch run's output, as the
   * generic engine's patched path does.)
   */
  private INDArray receiverRow(int l, int h, Layers.Qkv x, INDArray resid) {
    int d = m.dModel();
    int dh = m.dHead();
    INDArray channel = deltas.dup('c');
    for (int i = 0; i < variants; i++) {
      if (senders.get(i).layer() >= l) {
        channel.get(NDArrayIndex.point(i)).assign(0);
      }
    }
    if (p == r && resid != null) {
      channel.addi(rowOf(resid, 0));
    } else { // rows before r never change; in the first layer no row has changed yet
      INDArray at = base.residAttnRow(l, p);
      Layers.addToEachVariant(channel, at);
      RowOps.free(at);
    }
    INDArray chanX = Layers.attnNorm(m, l, channel.reshape('c', variants * prompts, d));
    RowOps.free(channel);
    INDArray q = hasQ ? project(chanX, l, 0, h).muli(1.0 / Math.sqrt(dh)) : headRow(x.q(), h);
    INDArray kChan = hasK ? project(chanX, l, 1, h) : null;
    INDArray vChan = hasV ? project(chanX, l, 2, h) : null;
    RowOps.free(chanX);
    INDArray kSelf = hasK && p == r ? kChan : headRow(x.k(), h);
    INDArray vSelf = hasV && p == r ? vChan : headRow(x.v(), h);
    INDArray qk = q.mul(kSelf);
    INDArray scores = qk.sum(2).reshape(prompts, variants, 1);
    RowOps.free(qk);
    INDArray preV = null;
    if (r > 0) {
      INDArray preK = headPrefix(l, h, false);
      preV = headPrefix(l, h, true);
      INDArray prefix = RowOps.bmm(q, preK, true); // [N, S, r]
      if (hasK && p < r) {
        INDArray qkp = q.mul(kChan);
        prefix.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(p))
            .assign(qkp.sum(2));
        RowOps.free(qkp);
      }
      INDArray all = Nd4j.concat(2, prefix, scores);
      RowOps.free(preK, prefix, scores);
      scores = all;
    }
    INDArray probs = RowOps.softmax(scores);
    INDArray selfProb = probs.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(r))
        .dup('c').reshape(prompts, variants, 1);
    INDArray comb = vSelf.mul(bcast(selfProb, dh));
    if (r > 0) {
      INDArray pPre = probs.get(NDArrayIndex.all(), NDArrayIndex.all(),
          NDArrayIndex.interval(0, r)).dup('c');
      INDArray fromPrefix = RowOps.bmm(pPre, preV, false);
      comb.addi(fromPrefix);
      RowOps.free(pPre, fromPrefix);
      if (hasV && p < r) {
        INDArray pP = probs.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(p))
            .dup('c').reshape(prompts, variants, 1);
        INDArray old = preV.get(NDArrayIndex.all(), NDArrayIndex.point(p), NDArrayIndex.all())
            .dup('c').reshape(prompts, 1, dh);
        INDArray change = vChan.sub(bcast(old, variants, dh)).muli(bcast(pP, dh));
        comb.addi(change);
        RowOps.free(pP, old, change);
      }
    }
    INDArray out = RowOps.mm(comb.reshape('c', (long) prompts * variants, dh),
        m.headOutputMap(l, h), false);
    RowOps.free(q, kChan, vChan, kSelf, vSelf, probs, selfProb, comb, preV);
    INDArray byVariant = out.reshape('c', prompts, variants, d).permute(1, 0, 2).dup('c');
    RowOps.free(out);
    return byVariant;
  }

  /** Head {@code h}'s q/k/v ({@code part} 0/1/2) of rows {@code x} ([S*N, d]) as [N, S, dh]. */
  private INDArray project(INDArray x, int l, int part, int h) {
    INDArray y = RowOps.mm(x, m.headProjection(l, part, h), true)
        .addiRowVector(m.headBias(l, part, h));
    return y.reshape('c', variants, prompts, m.dHead()).permute(1, 0, 2).dup('c');
  }

  /**
   * Head {@code h}'s row r (suffix row 0) of q/k/v [N, H, S or 1, R, dh] as [N, S, dh] (one
   * variant's rows, as in the first layer, are repeated for every variant).
   */
  private INDArray headRow(INDArray qkv, int h) {
    INDArray row = qkv.get(NDArrayIndex.all(), NDArrayIndex.point(h), NDArrayIndex.all(),
        NDArrayIndex.point(0), NDArrayIndex.all());
    return row.size(1) == variants ? row.dup('c')
        : row.broadcast(prompts, variants, m.dHead()).dup('c');
  }

  /** The baseline's keys or values of head {@code h} at rows 0..r-1: [N, r, dh]. */
  private INDArray headPrefix(int l, int h, boolean values) {
    return base.keysOrValues(l, values).get(NDArrayIndex.all(), NDArrayIndex.point(h),
        NDArrayIndex.interval(0, r), NDArrayIndex.all()).dup('c');
  }

  /** Adds {@code perPrompt} ([N, d]) to row {@code row} of every variant of {@code x}. */
  private void addToRow(INDArray x, int row, INDArray perPrompt) {
    for (int i = 0; i < variants; i++) {
      x.get(NDArrayIndex.point(i), NDArrayIndex.all(), NDArrayIndex.point(row),
          NDArrayIndex.all()).addi(perPrompt);
    }
  }

  /** Suffix row {@code row} of [S, N, R, d] as a view [S, N, d]. */
  private static INDArray rowOf(INDArray x, int row) {
    INDArrayIndex all = NDArrayIndex.all();
    return x.get(all, all, NDArrayIndex.point(row), all);
  }

  private static INDArray bcast(INDArray x, long... trailing) {
    long[] shape = x.shape().clone();
    long[] target = shape.clone();
    for (int i = 0; i < trailing.length; i++) {
      target[target.length - trailing.length + i] = trailing[i];
    }
    return x.broadcast(target);
  }
}
