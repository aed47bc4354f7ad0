package dev.circuits.gpt2.model;

import java.util.ArrayList;
import java.util.Arrays;
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
   * {@code wte}). Extra buffers such as {@code h.0.attn.bias} are ignored. Throws a
   * {@link CheckpointException} listing every missing or mis-shaped tensor.
   */
  public static Gpt2Weights fromHuggingFace(Gpt2Config cfg, Map<String, INDArray> state,
      String source) {
    StateDict sd = new StateDict(state);
    int d = cfg.nEmbd();
    int h = cfg.nHead();
    int dh = cfg.dHead();
    long v = cfg.vocabSize();
    INDArray wte = sd.get("wte.weight", v, d);
    INDArray wpe = sd.get("wpe.weight", cfg.nPositions(), d);
    List<Layer> layers = new ArrayList<>();
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
          fcW == null ? null : fcW.transpose().dup('c'),
          sd.get(p + "mlp.c_fc.bias", 4L * d),
          mProjW == null ? null : mProjW.transpose().dup('c'),
          sd.get(p + "mlp.c_proj.bias", d));
      layers.add(layer);
    }
    INDArray lnfW = sd.get("ln_f.weight", d);
    INDArray lnfB = sd.get("ln_f.bias", d);
    INDArray unembed = sd.has("lm_head.weight") ? sd.get("lm_head.weight", v, d) : wte;
    if (!sd.problems.isEmpty()) {
      throw new CheckpointException(source, sd.problems);
    }
    return new Gpt2Weights(cfg, wte, wpe, List.copyOf(layers), lnfW, lnfB, unembed);
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

  /** Looks tensors up with or without the {@code transformer.} prefix and records problems. */
  private static final class StateDict {
    private final Map<String, INDArray> state;
    private final List<String> problems = new ArrayList<>();

    StateDict(Map<String, INDArray> state) {
      this.state = state;
    }

    boolean has(String key) {
      return state.containsKey(key) || state.containsKey("transformer." + key);
    }

    INDArray get(String key, long... shape) {
      INDArray a = state.get(key);
      if (a == null) {
        a = state.get("transformer." + key);
      }
      if (a == null) {
        problems.add("missing tensor '" + key + "' (expected shape " + Arrays.toString(shape)
            + ")");
        return null;
      }
      if (!Arrays.equals(a.shape(), shape)) {
        problems.add("tensor '" + key + "' has shape " + Arrays.toString(a.shape())
            + ", expected " + Arrays.toString(shape));
        return null;
      }
      return a.dataType() == DataType.FLOAT ? a : a.castTo(DataType.FLOAT);
    }
  }
}
