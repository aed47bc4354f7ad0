package dev.circuits.gpt2.sweep;

import dev.circuits.core.CircuitException;
import dev.circuits.gpt2.model.Gpt2Weights;
import dev.circuits.gpt2.model.Head;
import dev.circuits.gpt2.model.NodeSpec;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * One GPT-2 forward pass over token rows [N, T] (rows {@code 0..lastRow}; later rows cannot
 * influence them), keeping what path-patching sweeps read: every layer's residual input, keys,
 * values, mixed values and attention per head, the MLP outputs and the final residual. Heads
 * frozen by {@link HeadOverrides} output their frozen values. Example:
 * {@code ForwardRun.of(RowModel.of(w, act), tokens, 15, HeadOverrides.none()).logitDiff(ioS, 15)}.
 */
public final class ForwardRun implements AutoCloseable {
  private final RowModel model;
  private final HeadOverrides overrides;
  private final int prompts;
  private final int rows;
  private final LayerState[] layers;
  private final INDArray finalResid;
  /** The first layer this run computed itself (earlier layers are a base run's, not ours). */
  private final int ownLayersFrom;
  private final boolean ownsFinal;

  private ForwardRun(RowModel model, HeadOverrides overrides, int prompts, int rows,
      LayerState[] layers, INDArray finalResid, int ownLayersFrom, boolean ownsFinal) {
    this.model = model;
    this.overrides = overrides;
    this.prompts = prompts;
    this.rows = rows;
    this.layers = layers;
    this.finalResid = finalResid;
    this.ownLayersFrom = ownLayersFrom;
    this.ownsFinal = ownsFinal;
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
    INDArray embeds = embed(model, tokens, n, lastRow + 1);
    return new Computation(model, overrides, n, lastRow + 1, null, 0).run(0, layers, embeds);
  }

  /**
   * This run with {@code more} heads frozen (in addition to its own; a site frozen in both takes
   * {@code more}'s value), everything downstream of them recomputed: only the layers from the
   * first changed head and the rows from the first changed position are computed again.
   */
  public ForwardRun withFrozen(Map<NodeSpec, INDArray> more) {
    int fromLayer = layers.length;
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
    if (fromLayer >= layers.length) {
      return new ForwardRun(model, all, prompts, rows, layers.clone(), finalResid, layers.length,
          false);
    }
    INDArray resid = layers[fromLayer].residAttn().get(NDArrayIndex.all(),
        NDArrayIndex.interval(fromRow, rows), NDArrayIndex.all()).dup('c');
    return new Computation(model, all, prompts, rows, this, fromRow).run(fromLayer,
        layers.length, resid);
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
      picked = picked.with(e.getKey(), LayerState.gatherPrompts(e.getValue(), prompts));
    }
    LayerState[] out = new LayerState[layers.length];
    for (int l = 0; l < layers.length; l++) {
      out[l] = layers[l].gather(prompts);
    }
    return new ForwardRun(model, picked, prompts.length, rows, out,
        finalResid == null ? null : LayerState.gatherPrompts(finalResid, prompts), 0,
        finalResid != null);
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

  /** Layers computed by this run (all of the model's unless it was cut short). */
  public int layers() {
    return layers.length;
  }

  /** Head {@code (layer, head)}'s output at {@code row} (frozen value if frozen): [N, d]. */
  public INDArray headOutput(int layer, int head, int row) {
    LayerState s = layer(layer);
    return overrides.value(layer, head, row).orElseGet(() -> {
      INDArray comb = s.mixed().get(NDArrayIndex.all(), NDArrayIndex.point(head),
          NDArrayIndex.point(row), NDArrayIndex.all()).dup('c');
      INDArray out = RowOps.mm(comb, model.headOutputMap(layer, head), false);
      RowOps.free(comb);
      return out;
    });
  }

  /**
   * Head {@code (layer, head)}'s output at every row ([N, rows, d], without the layer's bias;
   * frozen rows hold their frozen values).
   */
  public INDArray headOutput(int layer, int head) {
    INDArray comb = layer(layer).mixed().get(NDArrayIndex.all(), NDArrayIndex.point(head),
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

  /** Head {@code (layer, head)}'s attention probabilities [N, query, key] (rows of this run). */
  public INDArray attention(int layer, int head) {
    return layer(layer).probs().get(NDArrayIndex.all(), NDArrayIndex.point(head),
        NDArrayIndex.all(), NDArrayIndex.all()).dup('c');
  }

  /**
   * The attention probabilities of {@code heads} [heads, N, query, key]; value-weighted, each
   * entry {@code [q, k]} times the norm of the head's value vector at key k (as
   * {@link dev.circuits.gpt2.model.AttentionPatterns#valueWeighted}).
   */
  public INDArray attention(List<Head> heads, boolean valueWeighted) {
    INDArray out = Nd4j.create(DataType.FLOAT, heads.size(), prompts, rows, rows);
    for (int i = 0; i < heads.size(); i++) {
      Head h = heads.get(i);
      if (h.head() < 0 || h.head() >= model.heads()) {
        throw new CircuitException("no head " + h.layer() + "." + h.head() + " in this "
            + model.layers() + " x " + model.heads() + " model");
      }
      INDArray p = attention(h.layer(), h.head());
      if (valueWeighted) {
        INDArray norms = layer(h.layer()).values().get(NDArrayIndex.all(),
            NDArrayIndex.point(h.head()), NDArrayIndex.all(), NDArrayIndex.all()).norm2(2);
        p.muli(norms.reshape(prompts, 1, rows).broadcast(prompts, rows, rows));
      }
      out.get(NDArrayIndex.point(i)).assign(p);
    }
    return out;
  }

  /** Layer {@code layer}'s MLP output (without its bias) at {@code row}: [N, d]. */
  public INDArray mlpOutput(int layer, int row) {
    return rowOf(layer(layer).mlpOut(), row);
  }

  /**
   * Every component's output at {@code row} in {@link NodeSpec#sweep} order (per layer the heads,
   * then the MLP): [L * (H + 1), N, d]; zeros for layers a cut-short run did not compute.
   */
  public INDArray componentOutputs(int row) {
    int h = model.heads();
    int d = model.dModel();
    INDArray out = Nd4j.create(DataType.FLOAT, (long) model.layers() * (h + 1), prompts, d);
    for (int l = 0; l < layers.length; l++) {
      INDArray comb = layers[l].mixed().get(NDArrayIndex.all(), NDArrayIndex.all(),
          NDArrayIndex.point(row), NDArrayIndex.all()).permute(1, 0, 2).dup('c'); // [H, N, dh]
      INDArray oT = model.block(l).oT().reshape('c', h, model.dHead(), d);
      INDArray heads = RowOps.bmm(comb, oT, false); // [H, N, d]
      for (int j = 0; j < h; j++) {
        final int head = j;
        overrides.value(l, j, row).ifPresent(v -> heads.get(NDArrayIndex.point(head)).assign(v));
      }
      out.get(NDArrayIndex.interval((long) l * (h + 1), (long) l * (h + 1) + h)).assign(heads);
      out.get(NDArrayIndex.point((long) l * (h + 1) + h)).assign(mlpOutput(l, row));
      RowOps.free(comb, heads);
    }
    return out;
  }

  /** logit(labels[i,0]) - logit(labels[i,1]) at {@code row} for every prompt i: [N]. */
  public INDArray logitDiff(INDArray labels, int row) {
    return logitDiffPlus(labels, row, null);
  }

  /**
   * logit(labels[i,0]) - logit(labels[i,1]) at {@code row} with {@code change} ([N, d], or null)
   * added to the final residual there: the metric when some outputs' direct paths to the logits
   * change.
   */
  public INDArray logitDiffPlus(INDArray labels, int row, INDArray change) {
    complete();
    INDArray last = rowOf(finalResid, row);
    if (change != null) {
      last.addi(change);
    }
    INDArray ld = Readout.logitDiff(model, last.reshape('c', 1, prompts, model.dModel()), labels);
    RowOps.free(last);
    return ld.reshape(prompts);
  }

  /** The residual entering layer {@code layer}'s attention at {@code row}: [N, d]. */
  public INDArray residAttnRow(int layer, int row) {
    return rowOf(layer(layer).residAttn(), row);
  }

  /** The MLP input of {@code layer} at {@code row}: [N, d]. */
  INDArray residMlp(int layer, int row) {
    return rowOf(layer(layer).residMlp(), row);
  }

  /**
   * The residual entering {@code layer} (the final residual for {@code layer == L}) at rows
   * {@code from..from+count-1}: [N, count, d].
   */
  INDArray residIn(int layer, int from, int count) {
    INDArray src = layer == model.layers() ? finalResid : layer(layer).residAttn();
    return src.get(NDArrayIndex.all(), NDArrayIndex.interval(from, from + count),
        NDArrayIndex.all()).dup('c');
  }

  /** Keys ({@code values == false}) or values of layer {@code layer} at rows {@code 0..r-1}. */
  INDArray prefix(int layer, int r, boolean wantValues) {
    return LayerState.firstRows(keysOrValues(layer, wantValues), 2, r);
  }

  /** Every key (or value) row of {@code layer}: [N, H, rows, dh]. */
  INDArray keysOrValues(int layer, boolean wantValues) {
    LayerState s = layer(layer);
    return wantValues ? s.values() : s.keys();
  }

  /** Layer {@code layer}'s kept arrays (for engines in this package). */
  LayerState layerState(int layer) {
    return layer(layer);
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
    for (int l = ownLayersFrom; l < layers.length; l++) {
      layers[l].free();
    }
    if (ownsFinal) {
      RowOps.free(finalResid);
    }
  }

  private LayerState layer(int layer) {
    if (layer < 0 || layer >= layers.length) {
      throw new CircuitException("layer " + layer + " is not in this run (it computed layers 0.."
          + (layers.length - 1) + " of " + model.layers() + ")");
    }
    return layers[layer];
  }

  private void complete() {
    layer(model.layers() - 1);
  }

  /** Row {@code row} of [N, rows, d]: [N, d] (a copy). */
  private static INDArray rowOf(INDArray a, int row) {
    return a.get(NDArrayIndex.all(), NDArrayIndex.point(row), NDArrayIndex.all()).dup('c');
  }

  /** [N, rows, d]: token plus position embeddings. */
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
    return emb.reshape('c', prompts, rows, model.dModel());
  }

  /**
   * Computes layers at rows {@code fromRow..rows-1}; the rows before come from {@code base} (null
   * when everything is computed), whose earlier layers are shared as they are.
   */
  private record Computation(RowModel model, HeadOverrides overrides, int prompts, int rows,
      ForwardRun base, int fromRow) {

    /** Layers {@code [from, to)} from {@code resid}, the rows fromRow.. of layer from's input. */
    ForwardRun run(int from, int to, INDArray resid) {
      LayerState[] out = new LayerState[to];
      for (int l = 0; l < from; l++) {
        out[l] = base.layers[l];
      }
      INDArray x = resid;
      for (int l = from; l < to; l++) {
        LayerState suffix = layer(l, x);
        x = next(l, suffix);
        out[l] = base == null ? suffix : base.layers[l].joinedWith(suffix, fromRow);
        if (base != null && fromRow > 0) {
          suffix.free();
        }
      }
      boolean complete = to == model.layers();
      INDArray finalResid = null;
      if (complete) {
        finalResid = base == null || fromRow == 0 ? x
            : Nd4j.concat(1, LayerState.firstRows(base.finalResid, 1, fromRow), x);
      }
      if (!complete || finalResid != x) {
        RowOps.free(x);
      }
      return new ForwardRun(model, overrides, prompts, rows, out, finalResid, from, complete);
    }

    /** Layer {@code l} on residual rows {@code resid} ([N, R, d]). */
    private LayerState layer(int l, INDArray resid) {
      int suffix = rows - fromRow;
      int d = model.dModel();
      int h = model.heads();
      int dh = model.dHead();
      Layers.Qkv x = Layers.qkv(model, l, resid.reshape('c', 1, prompts, suffix, d));
      INDArray k = x.k().dup('c').reshape('c', prompts, h, suffix, dh);
      INDArray v = x.v().dup('c').reshape('c', prompts, h, suffix, dh);
      INDArray preK = base == null || fromRow == 0 ? null
          : LayerState.firstRows(base.layers[l].keys(), 2, fromRow);
      INDArray preV = base == null || fromRow == 0 ? null
          : LayerState.firstRows(base.layers[l].values(), 2, fromRow);
      Layers.Mixed mix = Layers.attend(x, preK, preV, true);
      x.close();
      RowOps.free(preK, preV);
      INDArray comb = mix.comb();
      INDArray masked = withoutFrozen(l, comb);
      INDArray attn = Layers.project(model, l, masked);
      if (masked != comb) {
        RowOps.free(masked);
      }
      addFrozen(l, attn);
      Gpt2Weights.Layer w = model.block(l).layer();
      INDArray mid = attn.addi(resid.reshape('c', 1, prompts, suffix, d))
          .reshape('c', (long) prompts * suffix, d).addiRowVector(w.oBias())
          .reshape('c', prompts, suffix, d);
      INDArray mlp = Layers.mlp(model, l, mid.reshape('c', 1, prompts, suffix, d));
      return new LayerState(resid, mid, k, v, comb.reshape('c', prompts, h, suffix, dh),
          mix.probs().reshape('c', prompts, h, suffix, rows), mlp.reshape('c', prompts, suffix,
              d));
    }

    /** The next layer's input rows: the MLP input plus the MLP output and its bias. */
    private INDArray next(int l, LayerState s) {
      long n = (long) prompts * (rows - fromRow);
      return s.mlpOut().add(s.residMlp()).reshape('c', n, model.dModel())
          .addiRowVector(model.block(l).layer().outBias())
          .reshape('c', prompts, rows - fromRow, model.dModel());
    }

    /** {@code comb} ([N, H, 1, R, dh]) with frozen heads' rows zeroed (copied if needed). */
    private INDArray withoutFrozen(int layer, INDArray comb) {
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
    private void addFrozen(int layer, INDArray attn) {
      for (Map.Entry<NodeSpec, INDArray> e : overrides.values().entrySet()) {
        NodeSpec s = e.getKey();
        if (s.layer() == layer && s.position() >= fromRow && s.position() < rows) {
          attn.get(NDArrayIndex.point(0), NDArrayIndex.all(),
              NDArrayIndex.point(s.position() - fromRow), NDArrayIndex.all()).addi(e.getValue());
        }
      }
    }
  }
}
