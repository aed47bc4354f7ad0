package dev.circuits.gpt2.sweep;

import dev.circuits.core.CircuitException;
import dev.circuits.gpt2.model.AttentionPatterns;
import dev.circuits.gpt2.model.Gpt2Weights;
import dev.circuits.gpt2.model.NodeSpec;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * One GPT-2 forward pass over token rows [N, T] (rows {@code 0..lastRow}; later rows cannot
 * influence them), keeping what path-patching sweeps read: every layer's residual input, keys,
 * values and mixed values per head, the MLP outputs and the final residual. Heads frozen by
 * {@link HeadOverrides} output their frozen values. Example:
 * {@code ForwardRun.of(RowModel.of(w, act), tokens, 15, HeadOverrides.none()).logitDiff(ioS, 15)}.
 */
public final class ForwardRun implements AutoCloseable {
  private final RowModel model;
  private final HeadOverrides overrides;
  private final int prompts;
  private final int rows;
  private final INDArray[] residAttn;
  private final INDArray[] residMlp;
  private final INDArray[] keys;
  private final INDArray[] values;
  private final INDArray[] mixed;
  private final INDArray[] probs;
  private final INDArray[] mlpOut;
  private final INDArray finalResid;
  private final int computedLayers;
  /** The first layer this run computed itself (earlier layers are a base run's, not ours). */
  private final int ownLayersFrom;
  private final boolean ownsFinal;

  /**
   * Computes layers {@code [fromLayer, toLayer)} at rows {@code fromRow..rows-1} from
   * {@code resid} (those rows of layer {@code fromLayer}'s input, [1, N, R, d]); every other
   * layer and row is {@code base}'s (null when everything is computed here).
   */
  private ForwardRun(RowModel model, int prompts, int rows, HeadOverrides overrides,
      ForwardRun base, int fromLayer, int fromRow, int toLayer, INDArray resid) {
    this.model = model;
    this.overrides = overrides;
    this.prompts = prompts;
    this.rows = rows;
    int layers = model.layers();
    this.computedLayers = toLayer;
    this.ownLayersFrom = fromLayer;
    residAttn = new INDArray[layers];
    residMlp = new INDArray[layers];
    keys = new INDArray[layers];
    values = new INDArray[layers];
    mixed = new INDArray[layers];
    probs = new INDArray[layers];
    mlpOut = new INDArray[layers];
    for (int l = 0; l < fromLayer; l++) {
      residAttn[l] = base.residAttn[l];
      residMlp[l] = base.residMlp[l];
      keys[l] = base.keys[l];
      values[l] = base.values[l];
      mixed[l] = base.mixed[l];
      probs[l] = base.probs[l];
      mlpOut[l] = base.mlpOut[l];
    }
    int suffix = rows - fromRow;
    int d = model.dModel();
    Prefix prefix = new Prefix(fromRow);
    for (int l = fromLayer; l < toLayer; l++) {
      residAttn[l] = prefix.join(base == null ? null : base.residAttn[l], resid, 2);
      Layers.Qkv x = Layers.qkv(model, l, resid);
      INDArray k = x.k().dup('c').reshape('c', prompts, model.heads(), suffix, model.dHead());
      INDArray v = x.v().dup('c').reshape('c', prompts, model.heads(), suffix, model.dHead());
      INDArray preK = prefix.rows(base == null ? null : base.keys[l], 2);
      INDArray preV = prefix.rows(base == null ? null : base.values[l], 2);
      Layers.Mixed mix = Layers.attend(x, preK, preV, true);
      x.close();
      keys[l] = prefix.join(preK, k, 2);
      values[l] = prefix.join(preV, v, 2);
      INDArray comb = mix.comb();
      mixed[l] = prefix.join(base == null ? null : base.mixed[l],
          comb.reshape('c', prompts, model.heads(), suffix, model.dHead()), 2);
      probs[l] = prefix.join(base == null ? null : base.probs[l],
          mix.probs().reshape('c', prompts, model.heads(), suffix, rows), 2);
      INDArray masked = withoutFrozen(l, comb, fromRow);
      INDArray attn = Layers.project(model, l, masked);
      if (masked != comb) {
        RowOps.free(masked);
      }
      addFrozen(l, attn, fromRow);
      Gpt2Weights.Layer w = model.block(l).layer();
      INDArray mid = attn.addi(resid).reshape('c', (long) prompts * suffix, d)
          .addiRowVector(w.oBias()).reshape('c', 1, prompts, suffix, d);
      residMlp[l] = prefix.join(base == null ? null : base.residMlp[l], mid, 2);
      INDArray mlp = Layers.mlp(model, l, mid);
      mlpOut[l] = prefix.join(base == null ? null : base.mlpOut[l],
          mlp.reshape('c', prompts, suffix, d), 1);
      resid = mlp.add(mid).reshape('c', (long) prompts * suffix, d)
          .addiRowVector(w.outBias()).reshape('c', 1, prompts, suffix, d);
    }
    this.ownsFinal = toLayer == layers && fromLayer < toLayer;
    if (toLayer < layers) {
      finalResid = null;
    } else if (fromLayer == toLayer) {
      finalResid = base.finalResid;
    } else {
      finalResid = prefix.join(base == null ? null : base.finalResid,
          resid.reshape('c', prompts, suffix, d), 1);
    }
  }

  /** Rows {@code 0..fromRow-1} taken from a base run, joined in front of newly computed rows. */
  private record Prefix(int fromRow) {
    /** Rows 0..fromRow-1 of {@code full} along {@code axis} (a copy), or null if none. */
    INDArray rows(INDArray full, int axis) {
      if (fromRow == 0 || full == null) {
        return null;
      }
      INDArrayIndex[] ix = new INDArrayIndex[full.rank()];
      for (int a = 0; a < ix.length; a++) {
        ix[a] = a == axis ? NDArrayIndex.interval(0, fromRow) : NDArrayIndex.all();
      }
      return full.get(ix).dup('c');
    }

    /** {@code suffix} with rows 0..fromRow-1 of {@code full} in front along {@code axis}. */
    INDArray join(INDArray full, INDArray suffix, int axis) {
      if (fromRow == 0) {
        return suffix;
      }
      INDArray front = full.size(axis) == fromRow ? full : rows(full, axis);
      return Nd4j.concat(axis, front, suffix);
    }
  }

  /**
   * Runs {@code model} on {@code tokens} ([N, T] int ids; only rows {@code 0..lastRow} are
   * computed) with {@code overrides}' heads frozen.
   */
  public static ForwardRun of(RowModel model, INDArray tokens, int lastRow,
      HeadOverrides overrides) {
    return of(model, tokens, lastRow, overrides, model.layers());
  }

  /**
   * As {@link #of(RowModel, INDArray, int, HeadOverrides)}, computing only layers
   * {@code 0..layers-1}: enough to read those layers' attention and head outputs, cheaper when
   * nothing later is needed (such a run has no logits).
   */
  public static ForwardRun of(RowModel model, INDArray tokens, int lastRow,
      HeadOverrides overrides, int layers) {
    if (tokens.rank() != 2 || lastRow < 0 || lastRow >= tokens.size(1)) {
      throw new CircuitException("a forward run needs tokens [N, T] and 0 <= lastRow < T; got "
          + java.util.Arrays.toString(tokens.shape()) + " and lastRow " + lastRow);
    }
    if (tokens.size(1) > model.config().nPositions()) {
      throw new CircuitException("prompts of " + tokens.size(1) + " tokens exceed n_positions "
          + model.config().nPositions());
    }
    if (layers < 1 || layers > model.layers()) {
      throw new CircuitException("a run computes 1.." + model.layers() + " layers, not " + layers);
    }
    int n = (int) tokens.size(0);
    return new ForwardRun(model, n, lastRow + 1, overrides, null, 0, 0, layers,
        embed(model, tokens, n, lastRow + 1));
  }

  /**
   * This run with {@code more} heads frozen (in addition to its own; a site frozen in both takes
   * {@code more}'s value), everything downstream of them recomputed: only the layers from the
   * first changed head and the rows from the first changed position are computed again.
   */
  public ForwardRun withFrozen(Map<NodeSpec, INDArray> more) {
    int fromLayer = model.layers();
    int fromRow = rows;
    for (Map.Entry<NodeSpec, INDArray> e : more.entrySet()) {
      NodeSpec s = e.getKey();
      boolean same = overrides.value(s.layer(), s.head(), s.position()).orElse(null)
          == e.getValue();
      if (s.position() < rows && !same) {
        fromLayer = Math.min(fromLayer, s.layer());
        fromRow = Math.min(fromRow, s.position());
      }
    }
    HeadOverrides all = overrides.withAll(more);
    if (fromLayer >= computedLayers) {
      return new ForwardRun(model, prompts, rows, all, this, computedLayers, rows,
          computedLayers, null);
    }
    INDArray resid = residAttn[fromLayer].get(NDArrayIndex.all(), NDArrayIndex.all(),
        NDArrayIndex.interval(fromRow, rows), NDArrayIndex.all()).dup('c');
    return new ForwardRun(model, prompts, rows, all, this, fromLayer, fromRow, computedLayers,
        resid);
  }

  /** The row engine this run used. */
  public RowModel model() {
    return model;
  }

  /** The frozen heads of this run. */
  public HeadOverrides overrides() {
    return overrides;
  }

  /** N, the number of prompts. */
  public int prompts() {
    return prompts;
  }

  /** Rows computed per prompt ({@code lastRow + 1}). */
  public int rows() {
    return rows;
  }

  /** Head {@code (layer, head)}'s output at {@code row} (frozen value if frozen): [N, d]. */
  public INDArray headOutput(int layer, int head, int row) {
    computed(layer);
    return overrides.value(layer, head, row).orElseGet(() -> {
      INDArray comb = mixed[layer].get(NDArrayIndex.all(), NDArrayIndex.point(head),
          NDArrayIndex.point(row), NDArrayIndex.all()).dup('c');
      return RowOps.mm(comb, model.headOutputMap(layer, head), false);
    });
  }

  /** Head {@code (layer, head)}'s attention probabilities [N, query, key] (rows of this run). */
  public INDArray attention(int layer, int head) {
    computed(layer);
    return probs[layer].get(NDArrayIndex.all(), NDArrayIndex.point(head), NDArrayIndex.all(),
        NDArrayIndex.all()).dup('c');
  }

  /**
   * The attention probabilities of {@code heads} [heads, N, query, key]; value-weighted, each
   * entry {@code [q, k]} times the norm of the head's value vector at key k (as
   * {@link dev.circuits.gpt2.model.AttentionPatterns#valueWeighted}).
   */
  public INDArray attention(List<AttentionPatterns.Head> heads, boolean valueWeighted) {
    INDArray out = Nd4j.create(DataType.FLOAT, heads.size(), prompts, rows, rows);
    for (int i = 0; i < heads.size(); i++) {
      AttentionPatterns.Head h = heads.get(i);
      if (h.layer() < 0 || h.layer() >= model.layers() || h.head() < 0
          || h.head() >= model.heads()) {
        throw new CircuitException("no head " + h.layer() + "." + h.head() + " in this "
            + model.layers() + " x " + model.heads() + " model");
      }
      INDArray p = attention(h.layer(), h.head());
      if (valueWeighted) {
        INDArray norms = values[h.layer()].get(NDArrayIndex.all(), NDArrayIndex.point(h.head()),
            NDArrayIndex.all(), NDArrayIndex.all()).norm2(2); // [N, key]
        p.muli(norms.reshape(prompts, 1, rows).broadcast(prompts, rows, rows));
      }
      out.get(NDArrayIndex.point(i)).assign(p);
    }
    return out;
  }

  /**
   * logit(labels[i,0]) - logit(labels[i,1]) at {@code row} with {@code change} ([N, d]) added to
   * the final residual there: the metric when some outputs' direct paths to the logits change.
   */
  public INDArray logitDiffPlus(INDArray labels, int row, INDArray change) {
    computed(model.layers() - 1);
    INDArray last = finalResid.get(NDArrayIndex.all(), NDArrayIndex.point(row),
        NDArrayIndex.all()).dup('c').addi(change);
    INDArray ld = Readout.logitDiff(model, last.reshape('c', 1, prompts, model.dModel()), labels);
    RowOps.free(last);
    return ld.reshape(prompts);
  }

  /**
   * Head {@code (layer, head)}'s output at every row ([N, rows, d], without the layer's bias;
   * frozen rows hold their frozen values).
   */
  public INDArray headOutput(int layer, int head) {
    computed(layer);
    INDArray comb = mixed[layer].get(NDArrayIndex.all(), NDArrayIndex.point(head),
        NDArrayIndex.all(), NDArrayIndex.all()).dup('c');
    INDArray out = RowOps.mm(comb.reshape('c', (long) prompts * rows, model.dHead()),
        model.headOutputMap(layer, head), false).reshape('c', prompts, rows, model.dModel());
    RowOps.free(comb);
    for (int row = 0; row < rows; row++) {
      final int at = row;
      overrides.value(layer, head, row).ifPresent(v -> out.get(NDArrayIndex.all(),
          NDArrayIndex.point(at), NDArrayIndex.all()).assign(v));
    }
    return out;
  }

  /** Head {@code (layer, head)}'s output at row {@code rows[i]} of prompt i: [N, d]. */
  public INDArray headOutputRows(int layer, int head, int[] rows) {
    if (rows.length != prompts) {
      throw new CircuitException("need one row per prompt (" + prompts + "), got " + rows.length);
    }
    INDArray all = headOutput(layer, head);
    INDArray out = Nd4j.create(DataType.FLOAT, prompts, model.dModel());
    for (int i = 0; i < prompts; i++) {
      out.getRow(i).assign(all.get(NDArrayIndex.point(i), NDArrayIndex.point(rows[i]),
          NDArrayIndex.all()));
    }
    RowOps.free(all);
    return out;
  }

  /** Layer {@code layer}'s MLP output (without its bias) at {@code row}: [N, d]. */
  public INDArray mlpOutput(int layer, int row) {
    computed(layer);
    return mlpOut[layer].get(NDArrayIndex.all(), NDArrayIndex.point(row), NDArrayIndex.all())
        .dup('c');
  }

  /**
   * Every component's output at {@code row} in {@link NodeSpec#sweep} order (per layer the heads,
   * then the MLP): [L * (H + 1), N, d].
   */
  public INDArray componentOutputs(int row) {
    computed(model.layers() - 1);
    int h = model.heads();
    int d = model.dModel();
    INDArray out = Nd4j.create(DataType.FLOAT, (long) model.layers() * (h + 1), prompts, d);
    for (int l = 0; l < model.layers(); l++) {
      INDArray comb = mixed[l].get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(row),
          NDArrayIndex.all()).permute(1, 0, 2).dup('c'); // [H, N, dh]
      INDArray oT = model.block(l).oT().reshape('c', h, model.dHead(), d);
      INDArray heads = RowOps.bmm(comb, oT, false); // [H, N, d]
      for (int j = 0; j < h; j++) {
        final int head = j;
        overrides.value(l, j, row).ifPresent(v -> heads.get(NDArrayIndex.point(head)).assign(v));
      }
      out.get(NDArrayIndex.interval((long) l * (h + 1), (long) l * (h + 1) + h)).assign(heads);
      out.get(NDArrayIndex.point((long) l * (h + 1) + h)).assign(mlpOutput(l, row));
    }
    return out;
  }

  /** logit(labels[i,0]) - logit(labels[i,1]) at {@code row} for every prompt i: [N]. */
  public INDArray logitDiff(INDArray labels, int row) {
    computed(model.layers() - 1);
    INDArray last = finalResid.get(NDArrayIndex.all(), NDArrayIndex.point(row),
        NDArrayIndex.all()).dup('c');
    return Readout.logitDiff(model, last.reshape('c', 1, prompts, model.dModel()), labels)
        .reshape(prompts);
  }

  INDArray residAttn(int layer) {
    return residAttn[layer];
  }

  /** The residual entering layer {@code layer}'s attention at {@code row}: [N, d]. */
  public INDArray residAttnRow(int layer, int row) {
    return residAttn[layer].get(NDArrayIndex.point(0), NDArrayIndex.all(),
        NDArrayIndex.point(row), NDArrayIndex.all()).dup('c');
  }

  /** The MLP input of {@code layer} at {@code row}: [N, d]. */
  INDArray residMlp(int layer, int row) {
    return residMlp[layer].get(NDArrayIndex.point(0), NDArrayIndex.all(), NDArrayIndex.point(row),
        NDArrayIndex.all()).dup('c');
  }

  /**
   * The residual entering {@code layer} (the final residual for {@code layer == L}) at rows
   * {@code from..from+count-1}: [N, count, d].
   */
  INDArray residIn(int layer, int from, int count) {
    INDArray src = layer == model.layers() ? finalResid
        : residAttn[layer].get(NDArrayIndex.point(0));
    return src.get(NDArrayIndex.all(), NDArrayIndex.interval(from, from + count),
        NDArrayIndex.all()).dup('c');
  }

  /** Keys ({@code values == false}) or values of layer {@code layer} at rows {@code 0..r-1}. */
  INDArray prefix(int layer, int r, boolean wantValues) {
    INDArray src = wantValues ? values[layer] : keys[layer];
    return src.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(0, r),
        NDArrayIndex.all()).dup('c');
  }

  INDArray keysOrValues(int layer, boolean wantValues) {
    return wantValues ? values[layer] : keys[layer];
  }

  /** The final residual rows {@code [N, rows, d]}. */
  INDArray finalResid() {
    return finalResid;
  }

  /**
   * Frees the off-heap memory of what this run computed itself (not what it shares with the run
   * it was derived from), at once rather than at the next garbage collection. Closing a run that
   * others were derived from ({@link #withFrozen}) invalidates them too.
   */
  @Override
  public void close() {
    for (int l = ownLayersFrom; l < computedLayers; l++) {
      RowOps.free(residAttn[l], residMlp[l], keys[l], values[l], mixed[l], probs[l], mlpOut[l]);
    }
    if (ownsFinal) {
      RowOps.free(finalResid);
    }
  }

  /**
   * This run restricted to, and reordered by, {@code prompts} (indices into this run's prompts,
   * repeats allowed): what a run of those prompts' tokens computes, without computing it again
   * (each prompt's rows depend on that prompt alone).
   */
  public ForwardRun select(int[] prompts) {
    for (int p : prompts) {
      if (p < 0 || p >= this.prompts) {
        throw new CircuitException("prompt " + p + " is not in this run of " + this.prompts);
      }
    }
    HeadOverrides picked = HeadOverrides.none();
    for (Map.Entry<NodeSpec, INDArray> e : overrides.values().entrySet()) {
      picked = picked.with(e.getKey(), gather(e.getValue(), prompts, 0));
    }
    return new ForwardRun(this, prompts, picked);
  }

  /** The gathered copy behind {@link #select}. */
  private ForwardRun(ForwardRun from, int[] picked, HeadOverrides overrides) {
    this.model = from.model;
    this.overrides = overrides;
    this.prompts = picked.length;
    this.rows = from.rows;
    this.computedLayers = from.computedLayers;
    this.ownLayersFrom = 0;
    int layers = model.layers();
    residAttn = new INDArray[layers];
    residMlp = new INDArray[layers];
    keys = new INDArray[layers];
    values = new INDArray[layers];
    mixed = new INDArray[layers];
    probs = new INDArray[layers];
    mlpOut = new INDArray[layers];
    for (int l = 0; l < computedLayers; l++) {
      residAttn[l] = gather(from.residAttn[l], picked, 1);
      residMlp[l] = gather(from.residMlp[l], picked, 1);
      keys[l] = gather(from.keys[l], picked, 0);
      values[l] = gather(from.values[l], picked, 0);
      mixed[l] = gather(from.mixed[l], picked, 0);
      probs[l] = gather(from.probs[l], picked, 0);
      mlpOut[l] = gather(from.mlpOut[l], picked, 0);
    }
    this.ownsFinal = from.finalResid != null;
    this.finalResid = from.finalResid == null ? null : gather(from.finalResid, picked, 0);
  }

  /** The slices {@code picked} of {@code a} along its prompt axis (0, or 1 after a leading 1). */
  private static INDArray gather(INDArray a, int[] picked, int axis) {
    long[] shape = a.shape();
    long n = shape[axis];
    long rest = a.length() / n;
    INDArray rowsOf = RowOps.dense(a).reshape('c', n, rest);
    long[] out = shape.clone();
    out[axis] = picked.length;
    return Nd4j.pullRows(rowsOf, 1, picked).reshape('c', out);
  }

  /** Layers computed by this run (all of the model's unless it was cut short). */
  public int layers() {
    return computedLayers;
  }

  private void computed(int layer) {
    if (layer < 0 || layer >= computedLayers) {
      throw new CircuitException("layer " + layer + " is not in this run (it computed layers 0.."
          + (computedLayers - 1) + " of " + model.layers() + ")");
    }
  }

  /** [1, N, rows, d]: token plus position embeddings. */
  private static INDArray embed(RowModel model, INDArray tokens, int prompts, int rows) {
    Gpt2Weights w = model.weights();
    long vocab = w.tokEmbeds().size(0);
    long[] ids = tokens.castTo(DataType.LONG).dup('c').reshape(tokens.length()).toLongVector();
    int[] picked = new int[prompts * rows];
    int t = (int) tokens.size(1);
    for (int n = 0; n < prompts; n++) {
      for (int i = 0; i < rows; i++) {
        long id = ids[n * t + i];
        if (id < 0 || id >= vocab) {
          throw new CircuitException("token id " + id + " at prompt " + n + ", position " + i
              + " is outside the vocabulary of " + vocab + " tokens");
        }
        picked[n * rows + i] = (int) id;
      }
    }
    INDArray emb = Nd4j.pullRows(w.tokEmbeds(), 1, picked).castTo(DataType.FLOAT).dup('c');
    INDArray pos = w.posEmbeds().get(NDArrayIndex.interval(0, rows), NDArrayIndex.all())
        .castTo(DataType.FLOAT).dup('c');
    emb.reshape('c', prompts, (long) rows * model.dModel()).addiRowVector(RowOps.flat(pos));
    return emb.reshape('c', 1, prompts, rows, model.dModel());
  }

  /**
   * {@code comb} ([N, H, 1, R, dh]: rows fromRow..) with frozen heads' rows zeroed (copied if
   * needed).
   */
  private INDArray withoutFrozen(int layer, INDArray comb, int fromRow) {
    INDArray out = comb;
    for (NodeSpec s : overrides.values().keySet()) {
      if (s.layer() == layer && s.position() >= fromRow && s.position() < rows) {
        if (out == comb) {
          out = comb.dup('c');
        }
        out.get(NDArrayIndex.all(), NDArrayIndex.point(s.head()), NDArrayIndex.all(),
            NDArrayIndex.point(s.position() - fromRow), NDArrayIndex.all()).assign(0);
      }
    }
    return out;
  }

  /** Adds the frozen heads' values of {@code layer} into {@code attn} ([1, N, R, d]). */
  private void addFrozen(int layer, INDArray attn, int fromRow) {
    for (Map.Entry<NodeSpec, INDArray> e : overrides.values().entrySet()) {
      NodeSpec s = e.getKey();
      if (s.layer() == layer && s.position() >= fromRow && s.position() < rows) {
        attn.get(NDArrayIndex.point(0), NDArrayIndex.all(),
            NDArrayIndex.point(s.position() - fromRow), NDArrayIndex.all()).addi(e.getValue());
      }
    }
  }
}
