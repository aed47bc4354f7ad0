package dev.circuits.gpt2.model;

import dev.circuits.core.TensorHash;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * GPT-2 weights in REMIX's layout ({@code q} as [heads, d_head, d_model], {@code o} as [heads,
 * d_model, d_head], {@code proj_in} as [4d, d], ...), converted from a Hugging Face state dict.
 */
public record Gpt2Weights(Gpt2Config config, INDArray tokEmbeds, INDArray posEmbeds,
    List<Layer> layers, INDArray finalLnScale, INDArray finalLnBias, INDArray unembed) {

  /** One transformer block. */
  public record Layer(INDArray attnLnScale, INDArray attnLnBias, INDArray q, INDArray k,
      INDArray v, INDArray qBias, INDArray kBias, INDArray vBias, INDArray o, INDArray oBias,
      INDArray mlpLnScale, INDArray mlpLnBias, INDArray projIn, INDArray inBias,
      INDArray projOut, INDArray outBias) {}

  /**
   * Converts a Hugging Face GPT2LMHeadModel/GPT2Model state dict (optional {@code transformer.}
   * prefix; Conv1D weights are [in, out]; {@code lm_head.weight} used if present, else tied to
   * {@code wte}). Extra buffers such as {@code h.0.attn.bias} are ignored. A tensor object that
   * appears under several MLP keys (e.g. one zero tensor shared by many layers) is converted once
   * and shared. Throws a {@link CheckpointException} listing the missing or mis-shaped tensors
   * (the first few, and how many in all); warns naming any tensor holding NaN or infinite values.
   */
  public static Gpt2Weights fromHuggingFace(Gpt2Config cfg, Map<String, INDArray> state,
      String source) {
    StateDict sd = new StateDict(state, source);
    int d = cfg.nEmbd();
    int h = cfg.nHead();
    int dh = cfg.dHead();
    long v = cfg.vocabSize();
    INDArray wte = sd.get("wte.weight", v, d);
    INDArray wpe = sd.get("wpe.weight", cfg.nPositions(), d);
    List<Layer> layers = new ArrayList<>();
    Map<INDArray, INDArray> transposed = new java.util.IdentityHashMap<>();
    for (int l = 0; l < cfg.nLayer(); l++) {
      String p = "h." + l + ".";
      INDArray cAttnW = sd.get(p + "attn.c_attn.weight", d, 3L * d);
      INDArray cAttnB = sd.get(p + "attn.c_attn.bias", 3L * d);
      INDArray cProjW = sd.get(p + "attn.c_proj.weight", d, d);
      INDArray fcW = sd.get(p + "mlp.c_fc.weight", d, 4L * d);
      INDArray mProjW = sd.get(p + "mlp.c_proj.weight", 4L * d, d);
      Layer layer = new Layer(
          sd.get(p + "ln_1.weight", d), sd.get(p + "ln_1.bias", d),
          cAttnW == null ? null : qkv(cAttnW, 0, h, dh, d),
          cAttnW == null ? null : qkv(cAttnW, 1, h, dh, d),
          cAttnW == null ? null : qkv(cAttnW, 2, h, dh, d),
          cAttnB == null ? null : qkvBias(cAttnB, 0, h, dh, d),
          cAttnB == null ? null : qkvBias(cAttnB, 1, h, dh, d),
          cAttnB == null ? null : qkvBias(cAttnB, 2, h, dh, d),
          cProjW == null ? null : cProjW.reshape('c', h, dh, d).permute(0, 2, 1).dup('c'),
          sd.get(p + "attn.c_proj.bias", d),
          sd.get(p + "ln_2.weight", d), sd.get(p + "ln_2.bias", d),
          fcW == null ? null : transposed.computeIfAbsent(fcW, a -> a.transpose().dup('c')),
          sd.get(p + "mlp.c_fc.bias", 4L * d),
          mProjW == null ? null : transposed.computeIfAbsent(mProjW,
              a -> a.transpose().dup('c')),
          sd.get(p + "mlp.c_proj.bias", d));
      layers.add(layer);
    }
    INDArray lnfW = sd.get("ln_f.weight", d);
    INDArray lnfB = sd.get("ln_f.bias", d);
    INDArray unembed = sd.has("lm_head.weight") ? sd.get("lm_head.weight", v, d) : wte;
    if (sd.problemCount > 0) {
      throw new CheckpointException(source, sd.problems, sd.problemCount);
    }
    return new Gpt2Weights(cfg, wte, wpe, List.copyOf(layers), lnfW, lnfB, unembed);
  }

  /**
   * Weights named as in REMIX's model files, without the {@code _arr} suffix:
   * {@code t.w.tok_embeds}, {@code t.w.pos_embeds}, {@code a{l}.ln.w.scale/bias},
   * {@code a{l}.w.q/k/v} [heads, d_head, d_model], {@code a{l}.w.o} [heads, d_model, d_head],
   * {@code a{l}.w.q_bias/k_bias/v_bias} [heads, d_head], {@code a{l}.w.o_bias},
   * {@code m{l}.ln.w.*}, {@code m{l}.w.proj_in} [4d, d], {@code m{l}.w.in_bias},
   * {@code m{l}.w.proj_out} [d, 4d], {@code m{l}.w.out_bias}, {@code final.ln.w.*} and
   * {@code t.w.unembed} (the same array as {@code t.w.tok_embeds} when tied). Throws a
   * {@link CheckpointException} listing the missing or mis-shaped tensors (the first few, and how
   * many in all); warns naming any tensor holding NaN or infinite values.
   */
  public static Gpt2Weights fromRemix(Gpt2Config cfg, Map<String, INDArray> arrays,
      String source) {
    StateDict sd = new StateDict(arrays, source);
    int d = cfg.nEmbd();
    int h = cfg.nHead();
    int dh = cfg.dHead();
    long v = cfg.vocabSize();
    INDArray wte = sd.get("t.w.tok_embeds", v, d);
    INDArray wpe = sd.get("t.w.pos_embeds", cfg.nPositions(), d);
    List<Layer> layers = new ArrayList<>();
    for (int l = 0; l < cfg.nLayer(); l++) {
      String a = "a" + l + ".";
      String m = "m" + l + ".";
      layers.add(new Layer(sd.get(a + "ln.w.scale", d), sd.get(a + "ln.w.bias", d),
          sd.get(a + "w.q", h, dh, d), sd.get(a + "w.k", h, dh, d), sd.get(a + "w.v", h, dh, d),
          sd.get(a + "w.q_bias", h, dh), sd.get(a + "w.k_bias", h, dh),
          sd.get(a + "w.v_bias", h, dh), sd.get(a + "w.o", h, d, dh), sd.get(a + "w.o_bias", d),
          sd.get(m + "ln.w.scale", d), sd.get(m + "ln.w.bias", d),
          sd.get(m + "w.proj_in", 4L * d, d), sd.get(m + "w.in_bias", 4L * d),
          sd.get(m + "w.proj_out", d, 4L * d), sd.get(m + "w.out_bias", d)));
    }
    INDArray lnfW = sd.get("final.ln.w.scale", d);
    INDArray lnfB = sd.get("final.ln.w.bias", d);
    INDArray unembed = sd.get("t.w.unembed", v, d);
    if (sd.problemCount > 0) {
      throw new CheckpointException(source, sd.problems, sd.problemCount);
    }
    return new Gpt2Weights(cfg, wte, wpe, List.copyOf(layers), lnfW, lnfB,
        sameContent(unembed, wte) ? wte : unembed);
  }

  /**
   * These weights by REMIX's names (see {@link #fromRemix}), in the order REMIX's model files
   * bind them: embeddings first, then per layer attention LN, q, k, v, o, biases, MLP LN and MLP
   * weights, then the final LN and the unembedding.
   */
  public Map<String, INDArray> toRemix() {
    Map<String, INDArray> out = new LinkedHashMap<>();
    out.put("t.w.tok_embeds", tokEmbeds);
    out.put("t.w.pos_embeds", posEmbeds);
    for (int l = 0; l < layers.size(); l++) {
      Layer x = layers.get(l);
      String a = "a" + l + ".";
      String m = "m" + l + ".";
      out.put(a + "ln.w.bias", x.attnLnBias());
      out.put(a + "ln.w.scale", x.attnLnScale());
      out.put(a + "w.q", x.q());
      out.put(a + "w.k", x.k());
      out.put(a + "w.v", x.v());
      out.put(a + "w.o", x.o());
      out.put(a + "w.q_bias", x.qBias());
      out.put(a + "w.k_bias", x.kBias());
      out.put(a + "w.v_bias", x.vBias());
      out.put(a + "w.o_bias", x.oBias());
      out.put(m + "ln.w.bias", x.mlpLnBias());
      out.put(m + "ln.w.scale", x.mlpLnScale());
      out.put(m + "w.proj_in", x.projIn());
      out.put(m + "w.in_bias", x.inBias());
      out.put(m + "w.proj_out", x.projOut());
      out.put(m + "w.out_bias", x.outBias());
    }
    out.put("final.ln.w.bias", finalLnBias);
    out.put("final.ln.w.scale", finalLnScale);
    out.put("t.w.unembed", unembed);
    return out;
  }

  /** Exactly equal dtype, shape and bytes (so a tied unembedding stays one array). */
  private static boolean sameContent(INDArray a, INDArray b) {
    return a == b || (a.dataType() == b.dataType() && Arrays.equals(a.shape(), b.shape())
        && TensorHash.rawBytes(a).equals(TensorHash.rawBytes(b)));
  }

  /** Columns {@code which*d .. (which+1)*d} of c_attn as [heads, d_head, d_model]. */
  private static INDArray qkv(INDArray cAttnW, int which, int h, int dh, int d) {
    INDArray cols = cAttnW.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
        org.nd4j.linalg.indexing.NDArrayIndex.interval((long) which * d, (long) (which + 1) * d));
    return cols.dup('c').reshape('c', d, h, dh).permute(1, 2, 0).dup('c');
  }

  private static INDArray qkvBias(INDArray b, int which, int h, int dh, int d) {
    return b.get(org.nd4j.linalg.indexing.NDArrayIndex.interval((long) which * d,
        (long) (which + 1) * d)).dup('c').reshape('c', h, dh);
  }

  /**
   * Looks tensors up with or without the {@code transformer.} prefix, records the first problems
   * and counts all of them, and warns about non-finite values.
   */
  private static final class StateDict {
    private final Map<String, INDArray> state;
    private final String source;
    private final List<String> problems = new ArrayList<>();
    private long problemCount;

    StateDict(Map<String, INDArray> state, String source) {
      this.state = state;
      this.source = source;
    }

    boolean has(String key) {
      return state.containsKey(key) || state.containsKey("transformer." + key);
    }

    private void problem(java.util.function.Supplier<String> text) {
      if (problemCount++ < CheckpointException.MAX_LISTED) {
        problems.add(text.get());
      }
    }

    INDArray get(String key, long... shape) {
      INDArray a = state.get(key);
      if (a == null) {
        a = state.get("transformer." + key);
      }
      if (a == null) {
        problem(() -> "missing tensor '" + key + "' (expected shape " + Arrays.toString(shape)
            + ")");
        return null;
      }
      if (!Arrays.equals(a.shape(), shape)) {
        INDArray found = a;
        problem(() -> "tensor '" + key + "' has shape " + Arrays.toString(found.shape())
            + ", expected " + Arrays.toString(shape));
        return null;
      }
      NonFiniteWeights.warnIfAny(source, key, a);
      return a.dataType() == DataType.FLOAT ? a : a.castTo(DataType.FLOAT);
    }
  }
}
