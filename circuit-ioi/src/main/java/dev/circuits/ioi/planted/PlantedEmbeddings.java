package dev.circuits.ioi.planted;

import static dev.circuits.ioi.planted.PlantedLayout.BALLAST_NEG;
import static dev.circuits.ioi.planted.PlantedLayout.BALLAST_POS;
import static dev.circuits.ioi.planted.PlantedLayout.IS_NAME;
import static dev.circuits.ioi.planted.PlantedLayout.NAME_ID;
import static dev.circuits.ioi.planted.PlantedLayout.NOT_SINK;
import static dev.circuits.ioi.planted.PlantedLayout.N_POSITIONS;
import static dev.circuits.ioi.planted.PlantedLayout.POSITION;
import static dev.circuits.ioi.planted.PlantedLayout.RAMP;
import static dev.circuits.ioi.planted.PlantedLayout.SINK;
import static dev.circuits.ioi.planted.PlantedLayout.VOCAB_SIZE;
import static dev.circuits.ioi.planted.PlantedLayout.WORD_ID;

import dev.circuits.ioi.IoiWords;
import org.nd4j.linalg.api.ndarray.INDArray;

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

  /** {@code wte} [VOCAB_SIZE, D_MODEL]. */
  static INDArray tokens(double[][] nameVectors) {
    return new TokenEmbedding(IS_NAME, NAME_ID, WORD_ID, nameVectors, WORD_SEED, -1)
        .table(PlantedLayout.RESIDUAL, VOCAB_SIZE);
  }

  /** {@code wpe} [N_POSITIONS, D_MODEL]. */
  static INDArray positions() {
    return new PositionEmbedding(BALLAST_POS, BALLAST_NEG, BALLAST, SINK, NOT_SINK, RAMP,
        N_POSITIONS, POSITION, java.util.Map.of()).table(PlantedLayout.RESIDUAL, N_POSITIONS);
  }
}
