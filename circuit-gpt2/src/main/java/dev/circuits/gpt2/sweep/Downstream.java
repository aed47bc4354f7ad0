package dev.circuits.gpt2.sweep;

import dev.circuits.gpt2.model.AttentionPatterns.Head;
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
      resid = layer(l, resid);
    }
    return Readout.logitDiff(m, rowOf(resid, rows - 1).dup('c'), labels);
  }

  /**
   * Layer {@code l}, the first with a receiver after every sender of the batch: there only the
   * receivers' row r changes (nothing before it differs from the baseline), so the attention of
   * the other heads and the MLP of the other rows are the baseline's. Returns the next layer's
   * input rows [S, N, R, d].
   */
  private INDArray firstLayer(int l) {
    int d = m.dModel();
    INDArray baseRow = base.residAttn(l).get(NDArrayIndex.point(0), NDArrayIndex.all(),
        NDArrayIndex.interval(r, r + 1), NDArrayIndex.all()).dup('c')
        .reshape('c', 1, prompts, 1, d);
    Layers.Qkv x = Layers.qkv(m, l, baseRow);
    INDArray change = Nd4j.zeros(DataType.FLOAT, variants, prompts, d);
    for (Head h : receivers) {
      if (h.layer() == l) {
        change.addi(receiverRow(l, h.head(), x, null));
        Layers.addToEachVariant(change, base.headOutput(l, h.head(), r).negi());
      }
    }
    INDArray residMlp = Layers.addToEachVariant(change.dup('c'), base.residMlp(l, r))
        .reshape('c', variants, prompts, 1, d);
    INDArray mlp = Layers.mlp(m, l, residMlp).reshape('c', variants, prompts, d);
    change.addi(mlp);
    Layers.addToEachVariant(change, base.mlpOutput(l, r).negi());
    INDArray next = Layers.repeat(base.residIn(l + 1, r, rows), variants);
    rowOf(next, 0).addi(change);
    return next;
  }

  /** Layer {@code l} recomputed on every variant's rows [S, N, R, d]; returns the next input. */
  private INDArray layer(int l, INDArray resid) {
    int d = m.dModel();
    Layers.Qkv x = Layers.qkv(m, l, resid);
    INDArray comb = Layers.attend(x, r > 0 ? base.prefix(l, r, false) : null,
        r > 0 ? base.prefix(l, r, true) : null);
    Map<Integer, INDArray> received = new HashMap<>();
    for (Head h : receivers) {
      if (h.layer() == l) {
        received.put(h.head(), receiverRow(l, h.head(), x, resid));
      }
    }
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
    for (int h = 0; h < m.heads(); h++) {
      for (int row = 0; row < rows; row++) {
        final int at = row;
        base.overrides().value(l, h, r + row).ifPresent(v -> addToRow(attn, at, v));
      }
    }
    for (INDArray out : received.values()) {
      rowOf(attn, 0).addi(out);
    }
    Gpt2Weights.Layer w = m.block(l).layer();
    resid.addi(attn).reshape('c', variants * prompts * rows, d).addiRowVector(w.oBias());
    INDArray mlp = Layers.mlp(m, l, resid);
    resid.addi(mlp).reshape('c', variants * prompts * rows, d).addiRowVector(w.outBias());
    return resid;
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
    INDArray direct = deltas.dup('c');
    for (int i = 0; i < variants; i++) {
      if (senders.get(i).layer() >= l) {
        direct.get(NDArrayIndex.point(i)).assign(0);
      }
    }
    INDArray channel;
    if (p == r && resid != null) {
      channel = rowOf(resid, 0).dup('c').addi(direct);
    } else { // rows before r never change; in the first layer no row has changed yet
      INDArray at = base.residAttn(l).get(NDArrayIndex.point(0), NDArrayIndex.all(),
          NDArrayIndex.point(p), NDArrayIndex.all()).dup('c');
      channel = direct.reshape('c', variants, (long) prompts * d)
          .addiRowVector(RowOps.flat(at)).reshape('c', variants, prompts, d);
    }
    INDArray chanX = Layers.attnNorm(m, l, channel.reshape('c', variants * prompts, d));
    INDArray q = hasQ ? project(chanX, l, 0, h).muli(1.0 / Math.sqrt(dh)) : headRow(x.q(), h);
    INDArray kSelf = headRow(x.k(), h);
    INDArray vSelf = headRow(x.v(), h);
    INDArray kChan = hasK ? project(chanX, l, 1, h) : null;
    INDArray vChan = hasV ? project(chanX, l, 2, h) : null;
    if (p == r) {
      kSelf = hasK ? kChan : kSelf;
      vSelf = hasV ? vChan : vSelf;
    }
    INDArray selfScore = q.mul(kSelf).sum(2).reshape(prompts, variants, 1);
    INDArray scores = selfScore;
    INDArray preK = null;
    INDArray preV = null;
    if (r > 0) {
      preK = headPrefix(l, h, false);
      preV = headPrefix(l, h, true);
      INDArray prefix = RowOps.bmm(q, preK, true); // [N, S, r]
      if (hasK && p < r) {
        prefix.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(p))
            .assign(q.mul(kChan).sum(2));
      }
      scores = Nd4j.concat(2, prefix, selfScore);
    }
    INDArray probs = RowOps.softmax(scores);
    INDArray selfProb = probs.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(r))
        .dup('c').reshape(prompts, variants, 1);
    INDArray comb = vSelf.mul(bcast(selfProb, dh));
    if (r > 0) {
      INDArray pPre = probs.get(NDArrayIndex.all(), NDArrayIndex.all(),
          NDArrayIndex.interval(0, r)).dup('c');
      comb.addi(RowOps.bmm(pPre, preV, false));
      if (hasV && p < r) {
        INDArray pP = probs.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(p))
            .dup('c').reshape(prompts, variants, 1);
        INDArray old = preV.get(NDArrayIndex.all(), NDArrayIndex.point(p), NDArrayIndex.all())
            .dup('c').reshape(prompts, 1, dh);
        comb.addi(vChan.sub(bcast(old, variants, dh)).muli(bcast(pP, dh)));
      }
    }
    INDArray out = RowOps.mm(comb.reshape('c', (long) prompts * variants, dh),
        m.headOutputMap(l, h), false);
    return out.reshape('c', prompts, variants, d).permute(1, 0, 2).dup('c');
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
