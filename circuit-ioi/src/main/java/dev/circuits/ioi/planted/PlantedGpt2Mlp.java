package dev.circuits.ioi.planted;

import static dev.circuits.ioi.planted.PlantedGpt2Layout.CUR_TOK;
import static dev.circuits.ioi.planted.PlantedGpt2Layout.D_MODEL;
import static dev.circuits.ioi.planted.PlantedGpt2Layout.TOKEN_ID;

/**
 * {@link PlantedGpt2Small}'s MLP 0, the "extended embedding": it moves the token identity from
 * TOKEN_ID (where {@code wte} puts it and the logits read) to CUR_TOK (where the heads of layers
 * 1-11 read it). It is exactly linear: units come in pairs (w, -w), and gelu_new(z) -
 * gelu_new(-z) = z for every z, so the output is sum_r z_r (e_r in CUR_TOK - e_r in TOKEN_ID)
 * with z_r the r-th Helmert coordinate of TOKEN_ID.
 */
final class PlantedGpt2Mlp {
  private PlantedGpt2Mlp() {}

  /** MLP 0's weights (2 x 47 of the 3072 units used, the rest zero; biases zero). */
  static PlantedMlp layer0() {
    int hidden = 4 * D_MODEL;
    double[][] basis = Linear.helmert(TOKEN_ID.size());
    float[] fc = new float[D_MODEL * hidden];
    float[] proj = new float[hidden * D_MODEL];
    for (int r = 0; r < basis.length; r++) {
      for (int sign = 0; sign < 2; sign++) {
        int unit = 2 * r + sign;
        double s = sign == 0 ? 1 : -1;
        for (int j = 0; j < TOKEN_ID.size(); j++) {
          fc[TOKEN_ID.at(j) * hidden + unit] = (float) (s * basis[r][j]);
          proj[unit * D_MODEL + CUR_TOK.at(j)] = (float) (s * basis[r][j]);
          proj[unit * D_MODEL + TOKEN_ID.at(j)] = (float) (-s * basis[r][j]);
        }
      }
    }
    return new PlantedMlp(fc, new float[hidden], proj, new float[D_MODEL]);
  }
}
