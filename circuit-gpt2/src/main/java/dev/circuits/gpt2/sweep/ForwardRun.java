package dev.circuits.gpt2.sweep;

import dev.circuits.core.CircuitException;
import dev.circuits.gpt2.model.Gpt2Weights;
import dev.circuits.gpt2.model.NodeSpec;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * One GPT-2 forward pass over token rows [N, T] (rows {@code 0..lastRow}; later rows cannot
 * influence them), keeping what path-patching sweeps read: every layer's residual input, keys,
 * values and mixed values per head, the MLP outputs and the final residual. Heads frozen by
 * {@link HeadOverrides} output their frozen values. Example:
 * {@code ForwardRun.of(RowModel.of(w, act), tokens, 15, HeadOverrides.none()).logitDiff(ioS, 15)}.
 */
public final class ForwardRun {
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

  private ForwardRun(RowModel model, INDArray tokens, int lastRow, HeadOverrides overrides) {
    this.model = model;
    this.overrides = overrides;
    this.prompts = (int) tokens.size(0);
    this.rows = lastRow + 1;
    int layers = model.layers();
    residAttn = new INDArray[layers];
    residMlp = new INDArray[layers];
    keys = new INDArray[layers];
    values = new INDArray[layers];
    mixed = new INDArray[layers];
    probs = new INDArray[layers];
    mlpOut = new INDArray[layers];
    INDArray resid = embed(tokens);
    for (int l = 0; l < layers; l++) {
      residAttn[l] = resid;
      Layers.Qkv x = Layers.qkv(model, l, resid);
      keys[l] = x.k().dup('c').reshape('c', prompts, model.heads(), rows, model.dHead());
      values[l] = x.v().dup('c').reshape('c', prompts, model.heads(), rows, model.dHead());
      Layers.Mixed mix = Layers.attend(x, null, null, true);
      INDArray comb = mix.comb();
      probs[l] = mix.probs().reshape('c', prompts, model.heads(), rows, rows);
      x.close();
      mixed[l] = comb.reshape('c', prompts, model.heads(), rows, model.dHead());
      INDArray masked = withoutFrozen(l, comb);
      INDArray attn = Layers.project(model, l, masked);
      if (masked != comb) {
        RowOps.free(masked);
      }
      addFrozen(l, attn);
      Gpt2Weights.Layer w = model.block(l).layer();
      INDArray residMlp = attn.addi(resid).reshape('c', (long) prompts * rows, model.dModel())
          .addiRowVector(w.oBias()).reshape('c', 1, prompts, rows, model.dModel());
      this.residMlp[l] = residMlp;
      INDArray mlp = Layers.mlp(model, l, residMlp);
      mlpOut[l] = mlp.reshape('c', prompts, rows, model.dModel());
      resid = mlp.add(residMlp).reshape('c', (long) prompts * rows, model.dModel())
          .addiRowVector(w.outBias()).reshape('c', 1, prompts, rows, model.dModel());
    }
    finalResid = resid.reshape('c', prompts, rows, model.dModel());
  }

  /**
   * Runs {@code model} on {@code tokens} ([N, T] int ids; only rows {@code 0..lastRow} are
   * computed) with {@code overrides}' heads frozen.
   */
  public static ForwardRun of(RowModel model, INDArray tokens, int lastRow,
      HeadOverrides overrides) {
    if (tokens.rank() != 2 || lastRow < 0 || lastRow >= tokens.size(1)) {
      throw new CircuitException("a forward run needs tokens [N, T] and 0 <= lastRow < T; got "
          + java.util.Arrays.toString(tokens.shape()) + " and lastRow " + lastRow);
    }
    if (tokens.size(1) > model.config().nPositions()) {
      throw new CircuitException("prompts of " + tokens.size(1) + " tokens exceed n_positions "
          + model.config().nPositions());
    }
    return new ForwardRun(model, tokens, lastRow, overrides);
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
    return overrides.value(layer, head, row).orElseGet(() -> {
      INDArray comb = mixed[layer].get(NDArrayIndex.all(), NDArrayIndex.point(head),
          NDArrayIndex.point(row), NDArrayIndex.all()).dup('c');
      return RowOps.mm(comb, model.headOutputMap(layer, head), false);
    });
  }

  /** Head {@code (layer, head)}'s attention probabilities [N, query, key] (rows of this run). */
  public INDArray attention(int layer, int head) {
    return probs[layer].get(NDArrayIndex.all(), NDArrayIndex.point(head), NDArrayIndex.all(),
        NDArrayIndex.all()).dup('c');
  }

  /**
   * logit(labels[i,0]) - logit(labels[i,1]) at {@code row} with {@code change} ([N, d]) added to
   * the final residual there: the metric when some outputs' direct paths to the logits change.
   */
  public INDArray logitDiffPlus(INDArray labels, int row, INDArray change) {
    INDArray last = finalResid.get(NDArrayIndex.all(), NDArrayIndex.point(row),
        NDArrayIndex.all()).dup('c').addi(change);
    INDArray ld = Readout.logitDiff(model, last.reshape('c', 1, prompts, model.dModel()), labels);
    RowOps.free(last);
    return ld.reshape(prompts);
  }

  /** Layer {@code layer}'s MLP output (without its bias) at {@code row}: [N, d]. */
  public INDArray mlpOutput(int layer, int row) {
    return mlpOut[layer].get(NDArrayIndex.all(), NDArrayIndex.point(row), NDArrayIndex.all())
        .dup('c');
  }

  /**
   * Every component's output at {@code row} in {@link NodeSpec#sweep} order (per layer the heads,
   * then the MLP): [L * (H + 1), N, d].
   */
  public INDArray componentOutputs(int row) {
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

  /** [1, N, rows, d]: token plus position embeddings. */
  private INDArray embed(INDArray tokens) {
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

  /** {@code comb} ([N, H, 1, R, dh] here) with frozen heads' rows zeroed (copied if needed). */
  private INDArray withoutFrozen(int layer, INDArray comb) {
    INDArray out = comb;
    for (Map.Entry<NodeSpec, INDArray> e : overrides.values().entrySet()) {
      NodeSpec s = e.getKey();
      if (s.layer() == layer && s.position() < rows) {
        if (out == comb) {
          out = comb.dup('c');
        }
        out.get(NDArrayIndex.all(), NDArrayIndex.point(s.head()), NDArrayIndex.all(),
            NDArrayIndex.point(s.position()), NDArrayIndex.all()).assign(0);
      }
    }
    return out;
  }

  /** Adds the frozen heads' values of {@code layer} into {@code attn} ([1, N, R, d]). */
  private void addFrozen(int layer, INDArray attn) {
    for (Map.Entry<NodeSpec, INDArray> e : overrides.values().entrySet()) {
      NodeSpec s = e.getKey();
      if (s.layer() == layer && s.position() < rows) {
        attn.get(NDArrayIndex.point(0), NDArrayIndex.all(), NDArrayIndex.point(s.position()),
            NDArrayIndex.all()).addi(e.getValue());
      }
    }
  }
}
