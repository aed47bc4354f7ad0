package dev.circuits.ioi.planted;

import static dev.circuits.ioi.planted.PlantedLayout.D_HEAD;
import static dev.circuits.ioi.planted.PlantedLayout.D_MODEL;
import static dev.circuits.ioi.planted.PlantedLayout.NAME_ID;
import static dev.circuits.ioi.planted.PlantedLayout.N_HEAD;
import static dev.circuits.ioi.planted.PlantedLayout.N_LAYER;
import static dev.circuits.ioi.planted.PlantedLayout.N_POSITIONS;
import static dev.circuits.ioi.planted.PlantedLayout.VOCAB_SIZE;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Packs the planted embeddings and heads into a Hugging Face GPT-2 state dict: Conv1D weights
 * {@code [in, out]}, {@code c_attn} = [q | k | v] with head h in columns {@code h*d_head..}, zero
 * MLPs, LayerNorm gains that make the normalised residual equal the residual, and a final LayerNorm
 * that keeps only {@link PlantedLayout#NAME_ID}, times {@link #FINAL_GAIN}.
 */
final class PlantedStateDict {
  /** Gain of the final LayerNorm on {@link PlantedLayout#NAME_ID} (sets the logit scale). */
  static final double FINAL_GAIN = 9;
  /** Gain of every block LayerNorm: undoes the division by the nominal norm / sqrt(d_model). */
  static final double LN_GAIN = Math.sqrt(PlantedEmbeddings.NOMINAL_NORM_SQ / D_MODEL);

  private PlantedStateDict() {}

  static Map<String, INDArray> build() {
    Map<String, INDArray> s = new LinkedHashMap<>();
    s.put("wte.weight", Nd4j.create(PlantedEmbeddings.tokens(PlantedEmbeddings.nameVectors()),
        new long[] {VOCAB_SIZE, D_MODEL}, 'c'));
    s.put("wpe.weight", Nd4j.create(PlantedEmbeddings.positions(),
        new long[] {N_POSITIONS, D_MODEL}, 'c'));
    List<PlantedDesign.Designed> heads = PlantedDesign.heads();
    for (int l = 0; l < N_LAYER; l++) {
      String p = "h." + l + ".";
      float[] cAttn = new float[D_MODEL * 3 * D_MODEL];
      float[] cAttnBias = new float[3 * D_MODEL];
      float[] cProj = new float[D_MODEL * D_MODEL];
      for (int h = 0; h < N_HEAD; h++) {
        HeadWeights w = heads.get(l * N_HEAD + h).weights();
        for (int c = 0; c < D_HEAD; c++) {
          int col = h * D_HEAD + c;
          cAttnBias[col] = (float) w.qBias[c];
          for (int d = 0; d < D_MODEL; d++) {
            cAttn[d * 3 * D_MODEL + col] = (float) w.q[c][d];
            cAttn[d * 3 * D_MODEL + D_MODEL + col] = (float) w.k[c][d];
            cAttn[d * 3 * D_MODEL + 2 * D_MODEL + col] = (float) w.v[c][d];
            cProj[col * D_MODEL + d] = (float) w.o[d][c];
          }
        }
      }
      s.put(p + "ln_1.weight", Nd4j.valueArrayOf(new long[] {D_MODEL}, (float) LN_GAIN));
      s.put(p + "ln_1.bias", zeros(D_MODEL));
      s.put(p + "attn.c_attn.weight", Nd4j.create(cAttn, new long[] {D_MODEL, 3 * D_MODEL}, 'c'));
      s.put(p + "attn.c_attn.bias", Nd4j.create(cAttnBias, new long[] {3 * D_MODEL}, 'c'));
      s.put(p + "attn.c_proj.weight", Nd4j.create(cProj, new long[] {D_MODEL, D_MODEL}, 'c'));
      s.put(p + "attn.c_proj.bias", zeros(D_MODEL));
      s.put(p + "ln_2.weight", Nd4j.valueArrayOf(new long[] {D_MODEL}, (float) LN_GAIN));
      s.put(p + "ln_2.bias", zeros(D_MODEL));
      s.put(p + "mlp.c_fc.weight", zeros(D_MODEL, 4 * D_MODEL));
      s.put(p + "mlp.c_fc.bias", zeros(4 * D_MODEL));
      s.put(p + "mlp.c_proj.weight", zeros(4 * D_MODEL, D_MODEL));
      s.put(p + "mlp.c_proj.bias", zeros(D_MODEL));
    }
    float[] lnf = new float[D_MODEL];
    for (int i = 0; i < NAME_ID.size(); i++) {
      lnf[NAME_ID.at(i)] = (float) FINAL_GAIN;
    }
    s.put("ln_f.weight", Nd4j.create(lnf, new long[] {D_MODEL}, 'c'));
    s.put("ln_f.bias", zeros(D_MODEL));
    return s;
  }

  private static INDArray zeros(long... shape) {
    return Nd4j.zeros(DataType.FLOAT, shape);
  }
}
