package dev.circuits.ioi.planted;

import static dev.circuits.ioi.planted.PlantedLayout.BALLAST_NEG;
import static dev.circuits.ioi.planted.PlantedLayout.BALLAST_POS;
import static dev.circuits.ioi.planted.PlantedLayout.D_MODEL;
import static dev.circuits.ioi.planted.PlantedLayout.IS_NAME;
import static dev.circuits.ioi.planted.PlantedLayout.NAME_ID;
import static dev.circuits.ioi.planted.PlantedLayout.NOT_SINK;
import static dev.circuits.ioi.planted.PlantedLayout.N_POSITIONS;
import static dev.circuits.ioi.planted.PlantedLayout.POSITION;
import static dev.circuits.ioi.planted.PlantedLayout.POS_PERIOD;
import static dev.circuits.ioi.planted.PlantedLayout.RAMP;
import static dev.circuits.ioi.planted.PlantedLayout.SINK;
import static dev.circuits.ioi.planted.PlantedLayout.VOCAB_SIZE;
import static dev.circuits.ioi.planted.PlantedLayout.WORD_ID;

import dev.circuits.ioi.IoiWords;
import java.util.List;

/**
 * The planted token and position embeddings ({@code wte}, {@code wpe}) as row-major float arrays.
 * Names get {@link PlantedLayout#IS_NAME} and a low-coherence identity in {@link
 * PlantedLayout#NAME_ID}; every other token a random identity in {@link PlantedLayout#WORD_ID};
 * positions the ballast, sink flags, ramp and cyclic code.
 */
final class PlantedEmbeddings {
  /** Size of the ballast pair: dominates every position's norm (2 * 20^2 = 800 of ~810). */
  static final double BALLAST = 20;
  /** Squared norm of a typical position's residual, ballast included. */
  static final double NOMINAL_NORM_SQ = 2 * BALLAST * BALLAST + 4;
  /** Optimisation steps spreading the name vectors apart. */
  static final int FRAME_ITERATIONS = 400;

  private static final long NAME_SEED = 0x5eed_0002L;
  private static final long WORD_SEED = 0x5eed_0003L;

  private PlantedEmbeddings() {}

  /** The identity vectors of {@link IoiWords#names()}, in that order ([99][NAME_ID.size]). */
  static double[][] nameVectors() {
    return NameFrame.build(IoiWords.remix().names().size(), NAME_ID.size(), FRAME_ITERATIONS,
        NAME_SEED);
  }

  /** {@code wte} as [VOCAB_SIZE * D_MODEL] row-major. */
  static float[] tokens(double[][] nameVectors) {
    float[] wte = new float[VOCAB_SIZE * D_MODEL];
    Gaussians g = new Gaussians(WORD_SEED);
    double[] row = new double[D_MODEL];
    boolean[] isName = new boolean[VOCAB_SIZE];
    List<String> names = IoiWords.remix().names();
    int[] nameIndex = new int[VOCAB_SIZE];
    for (int i = 0; i < names.size(); i++) {
      int id = IoiWords.remix().tokenId(names.get(i));
      isName[id] = true;
      nameIndex[id] = i;
    }
    for (int t = 0; t < VOCAB_SIZE; t++) {
      java.util.Arrays.fill(row, 0);
      double[] word = g.zeroSumUnit(WORD_ID.size()); // drawn for every token: ids stay stable
      if (isName[t]) {
        row[IS_NAME] = 1;
        System.arraycopy(nameVectors[nameIndex[t]], 0, row, NAME_ID.start(), NAME_ID.size());
      } else {
        System.arraycopy(word, 0, row, WORD_ID.start(), WORD_ID.size());
      }
      PlantedLayout.RESIDUAL.putBalanced(row, wte, t);
    }
    return wte;
  }

  /** {@code wpe} as [N_POSITIONS * D_MODEL] row-major. */
  static float[] positions() {
    float[] wpe = new float[N_POSITIONS * D_MODEL];
    double[] row = new double[D_MODEL];
    for (int p = 0; p < N_POSITIONS; p++) {
      java.util.Arrays.fill(row, 0);
      row[BALLAST_POS] = BALLAST;
      row[BALLAST_NEG] = -BALLAST;
      row[p == 0 ? SINK : NOT_SINK] = 1;
      row[RAMP] = (double) p / N_POSITIONS;
      for (int j = 0; p > 0 && j < POS_PERIOD; j++) { // the sink has no cyclic code
        row[POSITION.at(j)] = (j == p % POS_PERIOD ? 1.0 : 0.0) - 1.0 / POS_PERIOD;
      }
      PlantedLayout.RESIDUAL.putBalanced(row, wpe, p);
    }
    return wpe;
  }
}
