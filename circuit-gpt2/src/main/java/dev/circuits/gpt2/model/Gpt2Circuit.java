package dev.circuits.gpt2.model;

import dev.circuits.core.Add;
import dev.circuits.core.Array;
import dev.circuits.core.Circuit;
import dev.circuits.core.Concat;
import dev.circuits.core.Einsum;
import dev.circuits.core.GeneralFunction;
import dev.circuits.core.Index;
import dev.circuits.core.Scalar;
import dev.circuits.core.Shape;
import dev.circuits.core.spec.SimpleFunction;
import dev.circuits.core.spec.TensorIndex;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * GPT-2 as a circuit with REMIX's node names: {@code tokens} (an int64 placeholder of shape
 * [seqLen] that batching replaces), {@code embeds}, {@code a{l}.input}, {@code a{l}.norm},
 * {@code a{l}.h{h}}, {@code a{l}}, {@code a{l}.p_bias}, {@code m{l}}, {@code m{l}.p_bias},
 * {@code final.input}, {@code final.norm}, {@code logits}; inside heads {@code a.q}, {@code a.k},
 * {@code a.v}, {@code a.q_p_bias}, ..., {@code a.attn_probs}, {@code a.comb_v}.
 */
public record Gpt2Circuit(Gpt2Config config, Gpt2BuildOptions options, Array tokens,
    Circuit logits, Circuit finalNorm) {

  /** Name of the token placeholder. */
  public static final String TOKENS = "tokens";

  /**
   * A circuit with the structure and node names of a {@code layers} x {@code heads} GPT-2 built
   * with {@code opts}, but tiny random weights (one dimension per head, a vocabulary of 2): for
   * structural questions (which paths exist, what a matcher finds), which do not depend on the
   * weights, without hashing real ones (blake3 over GPT-2 small's weights takes seconds).
   */
  public static Gpt2Circuit skeleton(int layers, int heads, Gpt2BuildOptions opts) {
    Gpt2Config cfg = new Gpt2Config(layers, heads, heads, 2, opts.seqLen(), 1e-5, "gelu_new");
    return build(Gpt2Weights.fromHuggingFace(cfg, RandomGpt2.stateDict(cfg, 0), "skeleton"),
        opts);
  }

  /** Builds the circuit from weights. */
  public static Gpt2Circuit build(Gpt2Weights w, Gpt2BuildOptions opts) {
    return new Builder(w, opts).build();
  }

  /**
   * {@code root} (this model's logits or any circuit built on it) with the token placeholder
   * replaced by {@code ids} ([seqLen] or [batch..., seqLen], int64); batch dims propagate to the
   * output. An id outside the vocabulary throws, naming its position and the vocabulary size.
   */
  public Circuit withTokens(Circuit root, INDArray ids) {
    if (ids.rank() < 1 || ids.size(ids.rank() - 1) != options.seqLen()) {
      throw new dev.circuits.core.CircuitException("token ids of shape "
          + java.util.Arrays.toString(ids.shape()) + " do not end in the model's sequence length "
          + options.seqLen());
    }
    INDArray longs = ids.castTo(DataType.LONG).dup('c');
    checkVocabulary(longs);
    Array batch = Array.wrap(longs, TOKENS);
    return dev.circuits.core.ExpandNode.replace(root,
        java.util.Map.of(dev.circuits.core.HashKey.of(tokens), batch));
  }

  /** Throws naming the first id (int64, never narrowed) outside {@code [0, vocab_size)}. */
  private void checkVocabulary(INDArray ids) {
    long[] flat = ids.reshape(ids.length()).toLongVector();
    for (int i = 0; i < flat.length; i++) {
      if (flat[i] < 0 || flat[i] >= config.vocabSize()) {
        long[] pos = dev.circuits.core.util.Positions.unravel(i, ids.shape());
        throw new dev.circuits.core.CircuitException("token id " + flat[i] + " at position "
            + java.util.Arrays.toString(pos) + " is outside the model's vocabulary (vocab_size "
            + config.vocabSize() + ": ids 0 to " + (config.vocabSize() - 1) + ")");
      }
    }
  }

  /** The logits at one position only (cheap: the unembedding runs on one row). */
  public Circuit logitsAt(long position) {
    Circuit row = Index.of(finalNorm, TensorIndex.of(TensorIndex.at(position)),
        "final.norm_at_" + position);
    Einsum unembedAt = (Einsum) logits;
    Circuit unembed = unembedAt.child(1);
    return Einsum.fromString("d,vd->v", List.of(row, unembed), "logits_at_" + position);
  }

  private static final class Builder {
    private final Gpt2Weights w;
    private final Gpt2BuildOptions opts;
    private final Gpt2Config cfg;
    private final int t;
    private final Circuit mask;
    private final Circuit maskNeg;

    Builder(Gpt2Weights w, Gpt2BuildOptions opts) {
      this.w = w;
      this.opts = opts;
      this.cfg = w.config();
      this.t = opts.seqLen();
      if (t > cfg.nPositions()) {
        throw new IllegalArgumentException("seqLen " + t + " exceeds n_positions "
            + cfg.nPositions());
      }
      INDArray m = Nd4j.zeros(DataType.FLOAT, t, t);
      INDArray neg = Nd4j.zeros(DataType.FLOAT, t, t);
      for (int i = 0; i < t; i++) {
        for (int j = 0; j < t; j++) {
          if (i >= j) {
            m.putScalar(i, j, 1f);
          } else {
            neg.putScalar(i, j, -10000f);
          }
        }
      }
      this.mask = Array.wrap(m, "t.a.c.causal_mask");
      this.maskNeg = Array.wrap(neg, "t.a.c.causal_mask_neg");
    }

    Gpt2Circuit build() {
      Array tokens = Array.wrap(Nd4j.zeros(DataType.LONG, t), TOKENS);
      Circuit tokEmbeds = GeneralFunction.genIndex(arr(w.tokEmbeds(), "t.w.tok_embeds"), tokens,
          0, "tok_embeds");
      Circuit pos = Index.of(arr(w.posEmbeds(), "t.w.pos_embeds"),
          TensorIndex.of(TensorIndex.slice(0L, (long) t)), "t.w.pos_embeds_idxed");
      Circuit embeds = Add.of(List.of(tokEmbeds, pos), "embeds");
      List<Circuit> residual = new ArrayList<>();
      residual.add(embeds);
      for (int l = 0; l < cfg.nLayer(); l++) {
        Gpt2Weights.Layer lw = w.layers().get(l);
        Circuit attnIn = l == 0 ? embeds : Add.of(List.copyOf(residual), "a" + l + ".input");
        Circuit norm = layerNorm(attnIn, lw.attnLnScale(), lw.attnLnBias(), "a" + l);
        Circuit attn = opts.splitHeads() ? splitAttention(l, lw, norm) : fusedAttention(l, lw, norm);
        Circuit attnOut = Add.of(List.of(attn, arr(lw.oBias(), "a" + l
            + ".w.o_bias_arr")), "a" + l + ".p_bias");
        residual.add(attnOut);
        Circuit mlpIn = Add.of(List.copyOf(residual), "m" + l + ".input");
        Circuit mlpNorm = layerNorm(mlpIn, lw.mlpLnScale(), lw.mlpLnBias(), "m" + l);
        Circuit mlp = mlp(l, lw, mlpNorm);
        residual.add(Add.of(List.of(mlp, arr(lw.outBias(), "m" + l
            + ".w.out_bias_arr")), "m" + l + ".p_bias"));
      }
      Circuit finalIn = Add.of(List.copyOf(residual), "final.input");
      Circuit finalNorm = layerNorm(finalIn, w.finalLnScale(), w.finalLnBias(), "final");
      Circuit logits = Einsum.fromString("td,vd->tv",
          List.of(finalNorm, arr(w.unembed(),
          w.unembed() == w.tokEmbeds() ? "t.w.tok_embeds" : "t.w.unembed")), "logits");
      return new Gpt2Circuit(cfg, opts, tokens, logits, finalNorm);
    }

    private static Array arr(INDArray a, String name) {
      return Array.wrap(a, name);
    }

    /** LayerNorm with biased variance and eps inside the rsqrt; output named {prefix}.norm. */
    private Circuit layerNorm(Circuit x, INDArray scale, INDArray bias, String prefix) {
      int d = cfg.nEmbd();
      Circuit negMean = Einsum.fromString("td,->t",
          List.of(x, Scalar.of(-1.0 / d, Shape.scalar(), prefix + ".ln.neg_inv_d")),
          prefix + ".ln.neg_mean");
      Circuit centred = Add.of(List.of(x,
          negMean.unsqueeze(1).rename(prefix + ".ln.neg_mean_col")), prefix + ".ln.centred");
      Circuit var = Einsum.fromString("td,td,->t",
          List.of(centred, centred, Scalar.of(1.0 / d, Shape.scalar(), prefix + ".ln.inv_d")),
          prefix + ".ln.var");
      Circuit inv = GeneralFunction.of(SimpleFunction.RSQRT,
          Add.of(List.of(var, Scalar.of(cfg.layerNormEpsilon(), Shape.scalar(),
          prefix + ".ln.eps")), prefix + ".ln.var_eps"),
          prefix + ".ln.rstd");
      Circuit scaled = Einsum.fromString("td,t,d->td",
          List.of(centred, inv, arr(scale, prefix + ".ln.w.scale_arr")), prefix + ".ln.scaled");
      return Add.of(List.of(scaled, arr(bias, prefix + ".ln.w.bias_arr")), prefix + ".norm");
    }

    private Circuit splitAttention(int l, Gpt2Weights.Layer lw, Circuit norm) {
      String p = "a" + l;
      Array q = arr(lw.q(), p + ".w.q_arr");
      Array k = arr(lw.k(), p + ".w.k_arr");
      Array v = arr(lw.v(), p + ".w.v_arr");
      Array o = arr(lw.o(), p + ".w.o_arr");
      Array qb = arr(lw.qBias(), p + ".w.q_bias_arr");
      Array kb = arr(lw.kBias(), p + ".w.k_bias_arr");
      Array vb = arr(lw.vBias(), p + ".w.v_bias_arr");
      List<Circuit> heads = new ArrayList<>();
      for (int h = 0; h < cfg.nHead(); h++) {
        Circuit head = head(p + ".h" + h, h, norm, q, k, v, o, qb, kb, vb);
        heads.add(opts.splitPositions() ? byPosition(head, "a" + l + "_h" + h) : head);
      }
      return Add.of(heads, p);
    }

    private Circuit head(String name, int h, Circuit norm, Array q, Array k, Array v, Array o,
        Array qb, Array kb, Array vb) {
      String hs = "[" + h + "]";
      Circuit qh = Einsum.fromString("td,cd->tc", List.of(norm, at(q, h, hs)), "a.q");
      Circuit kh = Einsum.fromString("td,cd->tc", List.of(norm, at(k, h, hs)), "a.k");
      Circuit vh = Einsum.fromString("td,cd->tc", List.of(norm, at(v, h, hs)), "a.v");
      Circuit qp = Add.of(List.of(qh, at(qb, h, hs)), "a.q_p_bias");
      Circuit kp = Add.of(List.of(kh, at(kb, h, hs)), "a.k_p_bias");
      Circuit vp = Add.of(List.of(vh, at(vb, h, hs)), "a.v_p_bias");
      Circuit raw = Einsum.fromString("tc,sc,,ts->ts",
          List.of(qp, kp, Scalar.of(1.0 / Math.sqrt(cfg.dHead()), Shape.scalar(),
          "a.c.div_head_size"), mask), "a.attn_scores_raw");
      Circuit scores = Add.of(List.of(raw, maskNeg), "a.attn_scores");
      Circuit probs = GeneralFunction.of(SimpleFunction.SOFTMAX, scores, "a.attn_probs");
      Circuit combV = Einsum.fromString("ts,sc->tc", List.of(probs, vp), "a.comb_v");
      return Einsum.fromString("tc,dc->td", List.of(combV, at(o, h, hs)), name);
    }

    private static Circuit at(Array weights, int h, String suffix) {
      return Index.of(weights, TensorIndex.of(TensorIndex.at(h)), weights.name() + suffix);
    }

    private Circuit fusedAttention(int l, Gpt2Weights.Layer lw, Circuit norm) {
      String p = "a" + l;
      Circuit q = Add.of(List.of(Einsum.fromString("td,hcd->htc",
          List.of(norm, arr(lw.q(), p + ".w.q_arr")), p + ".q"),
          arr(lw.qBias(), p + ".w.q_bias_arr").unsqueeze(1)), p + ".q_p_bias");
      Circuit k = Add.of(List.of(Einsum.fromString("td,hcd->htc",
          List.of(norm, arr(lw.k(), p + ".w.k_arr")), p + ".k"),
          arr(lw.kBias(), p + ".w.k_bias_arr").unsqueeze(1)), p + ".k_p_bias");
      Circuit v = Add.of(List.of(Einsum.fromString("td,hcd->htc",
          List.of(norm, arr(lw.v(), p + ".w.v_arr")), p + ".v"),
          arr(lw.vBias(), p + ".w.v_bias_arr").unsqueeze(1)), p + ".v_p_bias");
      Circuit raw = Einsum.fromString("htc,hsc,,ts->hts",
          List.of(q, k, Scalar.of(1.0 / Math.sqrt(cfg.dHead()), Shape.scalar(),
          "a.c.div_head_size"), mask), p + ".attn_scores_raw");
      Circuit scores = Add.of(List.of(raw, maskNeg), p + ".attn_scores");
      Circuit probs = GeneralFunction.of(SimpleFunction.SOFTMAX, scores, p + ".attn_probs");
      Circuit combV = Einsum.fromString("hts,hsc->htc", List.of(probs, v), p + ".comb_v");
      return Einsum.fromString("htc,hdc->td", List.of(combV, arr(lw.o(), p + ".w.o_arr")), p);
    }

    private Circuit mlp(int l, Gpt2Weights.Layer lw, Circuit norm) {
      String p = "m" + l;
      Circuit pre = Add.of(List.of(Einsum.fromString("td,fd->tf",
          List.of(norm, arr(lw.projIn(), p + ".w.proj_in_arr")), p + ".pre_no_bias"),
          arr(lw.inBias(), p + ".w.in_bias_arr")), p + ".pre");
      SimpleFunction act = opts.activation() == Gpt2BuildOptions.Activation.GELU_ERF
          ? SimpleFunction.GELU : SimpleFunction.GELU_NEW;
      Circuit actOut = GeneralFunction.of(act, pre, p + ".act");
      Circuit out = Einsum.fromString("tf,df->td", List.of(actOut, arr(lw.projOut(),
          p + ".w.proj_out_arr")), p);
      return opts.splitPositions() ? byPosition(out, p) : out;
    }

    /** Concat over positions of {@code [p:p+1]} slices named {@code {prefix}_t{p}}. */
    private Circuit byPosition(Circuit node, String prefix) {
      List<Circuit> rows = new ArrayList<>();
      for (int pos = 0; pos < t; pos++) {
        rows.add(Index.of(node, TensorIndex.of(TensorIndex.slice((long) pos, (long) pos + 1)),
            prefix + "_t" + pos));
      }
      return Concat.of(rows, 0, node.name() + "_by_pos");
    }
  }
}
