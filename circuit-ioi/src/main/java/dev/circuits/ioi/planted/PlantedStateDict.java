package dev.circuits.ioi.planted;

import dev.circuits.gpt2.model.Gpt2Config;
import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Packs planted embeddings, heads, MLPs and LayerNorm gains into a Hugging Face GPT-2 state dict:
 * Conv1D weights {@code [in, out]}, {@code c_attn} = [q | k | v] with head h in columns
 * {@code h*d_head..}, block LayerNorms with one gain on every dimension (which makes the normalised
 * residual equal the residual) and a final LayerNorm with the given per-dimension gains.
 */
final class PlantedStateDict {
  /** Gain of planted-ioi's final LayerNorm on {@link PlantedLayout#NAME_ID} (the logit scale). */
  static final double FINAL_GAIN = 9;
  /** Gain of planted-ioi's block LayerNorms: undoes the division by the nominal norm. */
  static final double LN_GAIN = Math.sqrt(PlantedEmbeddings.NOMINAL_NORM_SQ
      / PlantedLayout.D_MODEL);

  /**
   * What a planted model is made of: embeddings ({@code wte} [vocab, d], {@code wpe} [positions,
   * d], row-major), the heads of each layer in head order, the MLP of each layer (null: zero),
   * the block LayerNorm gain and the final LayerNorm's gain per dimension.
   */
  record Parts(Gpt2Config config, INDArray wte, INDArray wpe,
      IntFunction<List<DesignedHead>> layerHeads, IntFunction<PlantedMlp> mlps, double lnGain,
      INDArray finalGain) {}

  private PlantedStateDict() {}

  /** planted-ioi's state dict: zero MLPs, a final LayerNorm that keeps only NAME_ID. */
  static Map<String, INDArray> build() {
    INDArray lnf = zeros(PlantedLayout.D_MODEL);
    for (int i = 0; i < PlantedLayout.NAME_ID.size(); i++) {
      lnf.putScalar(PlantedLayout.NAME_ID.at(i), (float) FINAL_GAIN);
    }
    List<DesignedHead> heads = PlantedDesign.heads();
    int perLayer = PlantedLayout.N_HEAD;
    return pack(new Parts(PlantedIoiModel.config(),
        PlantedEmbeddings.tokens(PlantedEmbeddings.nameVectors()), PlantedEmbeddings.positions(),
        l -> heads.subList(l * perLayer, (l + 1) * perLayer), l -> null, LN_GAIN, lnf));
  }

  /** The state dict of {@code parts}. */
  static Map<String, INDArray> pack(Parts parts) {
    Gpt2Config cfg = parts.config();
    int d = cfg.nEmbd();
    int dHead = cfg.dHead();
    Map<String, INDArray> s = new LinkedHashMap<>();
    // One zero tensor per shape, shared by every zero MLP (writing it is the same; memory is not).
    INDArray zeroFc = zeros(d, 4 * d);
    INDArray zeroProj = zeros(4 * d, d);
    s.put("wte.weight", parts.wte());
    s.put("wpe.weight", parts.wpe());
    for (int l = 0; l < cfg.nLayer(); l++) {
      String p = "h." + l + ".";
      List<DesignedHead> heads = parts.layerHeads().apply(l);
      if (heads.size() != cfg.nHead()) {
        throw new PlantedModelException("layer " + l + " has " + heads.size()
            + " designed heads; expected " + cfg.nHead());
      }
      INDArray cAttn = zeros(d, 3 * d);
      INDArray cAttnBias = zeros(3 * d);
      INDArray cProj = zeros(d, d);
      FloatBuffer attn = cAttn.data().asNioFloat();
      FloatBuffer attnBias = cAttnBias.data().asNioFloat();
      FloatBuffer proj = cProj.data().asNioFloat();
      for (int h = 0; h < cfg.nHead(); h++) {
        HeadWeights w = heads.get(h).weights();
        for (int c = 0; c < dHead; c++) {
          int col = h * dHead + c;
          attnBias.put(col, (float) w.qBias[c]);
          for (int i = 0; i < d; i++) {
            attn.put(i * 3 * d + col, (float) w.q[c][i]);
            attn.put(i * 3 * d + d + col, (float) w.k[c][i]);
            attn.put(i * 3 * d + 2 * d + col, (float) w.v[c][i]);
            proj.put(col * d + i, (float) w.o[i][c]);
          }
        }
      }
      s.put(p + "ln_1.weight", Nd4j.valueArrayOf(new long[] {d}, (float) parts.lnGain()));
      s.put(p + "ln_1.bias", zeros(d));
      s.put(p + "attn.c_attn.weight", cAttn);
      s.put(p + "attn.c_attn.bias", cAttnBias);
      s.put(p + "attn.c_proj.weight", cProj);
      s.put(p + "attn.c_proj.bias", zeros(d));
      s.put(p + "ln_2.weight", Nd4j.valueArrayOf(new long[] {d}, (float) parts.lnGain()));
      s.put(p + "ln_2.bias", zeros(d));
      PlantedMlp mlp = parts.mlps().apply(l);
      s.put(p + "mlp.c_fc.weight", mlp == null ? zeroFc
          : Nd4j.create(mlp.fcWeight(), new long[] {d, 4 * d}, 'c'));
      s.put(p + "mlp.c_fc.bias", mlp == null ? zeros(4 * d)
          : Nd4j.create(mlp.fcBias(), new long[] {4 * d}, 'c'));
      s.put(p + "mlp.c_proj.weight", mlp == null ? zeroProj
          : Nd4j.create(mlp.projWeight(), new long[] {4 * d, d}, 'c'));
      s.put(p + "mlp.c_proj.bias", mlp == null ? zeros(d)
          : Nd4j.create(mlp.projBias(), new long[] {d}, 'c'));
    }
    s.put("ln_f.weight", parts.finalGain());
    s.put("ln_f.bias", zeros(d));
    return s;
  }

  private static INDArray zeros(long... shape) {
    return Nd4j.zeros(DataType.FLOAT, shape);
  }
}
