package dev.circuits.ioi.planted;

import static dev.circuits.ioi.planted.PlantedGpt2Layout.BALLAST_NEG;
import static dev.circuits.ioi.planted.PlantedGpt2Layout.BALLAST_POS;
import static dev.circuits.ioi.planted.PlantedGpt2Layout.D_MODEL;
import static dev.circuits.ioi.planted.PlantedGpt2Layout.IS_NAME;
import static dev.circuits.ioi.planted.PlantedGpt2Layout.NOT_SINK;
import static dev.circuits.ioi.planted.PlantedGpt2Layout.ORDER;
import static dev.circuits.ioi.planted.PlantedGpt2Layout.N_POSITIONS;
import static dev.circuits.ioi.planted.PlantedGpt2Layout.POSITION;
import static dev.circuits.ioi.planted.PlantedGpt2Layout.RAMP;
import static dev.circuits.ioi.planted.PlantedGpt2Layout.RAMP_SCALE;
import static dev.circuits.ioi.planted.PlantedGpt2Layout.RESIDUAL;
import static dev.circuits.ioi.planted.PlantedGpt2Layout.SINK;
import static dev.circuits.ioi.planted.PlantedGpt2Layout.TOKEN_ID;
import static dev.circuits.ioi.planted.PlantedGpt2Layout.VOCAB_SIZE;

import dev.circuits.gpt2.model.Gpt2Config;
import dev.circuits.gpt2.model.Gpt2Weights;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * GPT-2 small's exact shape (12 layers x 12 heads, d_model 768, vocab 50257, 1024 positions,
 * gelu_new, GPT-2's tokenizer) with hand-set weights that put the IOI paper's head classes at the
 * paper's places (Wang et al. 2022): duplicate-token 0.1, 3.0; previous-token 2.2, 4.11;
 * induction 5.5, 6.9; S-inhibition 7.3, 7.9, 8.6, 8.10 (a mostly positional signal); name movers
 * 9.6, 9.9, 10.0; negative name movers 10.7, 11.10; backup name movers 10.1, 10.2, 10.6, 10.10,
 * 11.2, 11.9; MLP 0 as an extended embedding; decoys elsewhere. The offline stand-in for GPT-2
 * small; see {@code PLANTED-GPT2.md} beside this class.
 *
 * <pre>{@code
 * Gpt2Weights w = PlantedGpt2Small.load();                 // built in memory, a few seconds
 * PlantedGpt2Small.roles().backupNameMovers();              // [10.1, 10.2, ...]
 * PlantedGpt2Small.MODEL.write(Path.of("planted-gpt2"));   // config.json + model.safetensors
 * }</pre>
 */
public final class PlantedGpt2Small {
  /** The model's name (as in {@code circuits model planted-gpt2}, {@code --model planted-gpt2}). */
  public static final String NAME = "planted-gpt2";
  /** Size of the ballast pair: 2 * 40^2 = 3200 of every position's squared norm. */
  static final double BALLAST = 40;
  /** Squared norm of a typical position's residual, ballast included. */
  static final double NOMINAL_NORM_SQ = 2 * BALLAST * BALLAST + 8;
  /** Gain of the block LayerNorms: undoes the division by the nominal norm. */
  static final double LN_GAIN = Math.sqrt(NOMINAL_NORM_SQ / D_MODEL);
  /** Gain of the final LayerNorm on TOKEN_ID (0 elsewhere): sets the logit scale. */
  static final double FINAL_GAIN = 3.6;
  /**
   * {@code <|endoftext|>}, the prompts' first token: it gets no identity, so that the sink it
   * sits on never matches a token by accident.
   */
  static final int END_OF_TEXT = 50256;
  private static final long WORD_SEED = 0x5eed_0013L;

  /** The model as a {@link PlantedModel}. */
  public static final PlantedModel MODEL = new PlantedModel(NAME, config(),
      PlantedGpt2Design::heads, PlantedGpt2Small::build);

  private PlantedGpt2Small() {}

  /** GPT-2 small's hyper-parameters. */
  public static Gpt2Config config() {
    return Gpt2Config.small();
  }

  /** Every head with its role and what it does, layer by layer. */
  public static List<PlantedHead> heads() {
    return MODEL.heads();
  }

  /** The planted roles (what {@code config.json} stores under {@code planted_circuit}). */
  public static PlantedRoles roles() {
    return MODEL.roles();
  }

  /** The model's weights, built in memory on first use and shared afterwards. */
  public static Gpt2Weights load() {
    return MODEL.load();
  }

  /** Writes {@code config.json} and {@code model.safetensors} (~500 MB) into {@code dir}. */
  public static Path write(Path dir) {
    return MODEL.write(dir);
  }

  private static Map<String, INDArray> build() {
    INDArray wte = new TokenEmbedding(IS_NAME, TOKEN_ID, TOKEN_ID,
        PlantedEmbeddings.nameVectors(), WORD_SEED, END_OF_TEXT).table(RESIDUAL, VOCAB_SIZE);
    INDArray wpe = new PositionEmbedding(BALLAST_POS, BALLAST_NEG, BALLAST, SINK, NOT_SINK, RAMP,
        RAMP_SCALE, POSITION, Map.of(ORDER, -1.0)).table(RESIDUAL, N_POSITIONS);
    INDArray lnf = Nd4j.zeros(DataType.FLOAT, D_MODEL);
    for (int i = 0; i < TOKEN_ID.size(); i++) {
      lnf.putScalar(TOKEN_ID.at(i), FINAL_GAIN);
    }
    return PlantedStateDict.pack(new PlantedStateDict.Parts(config(), wte, wpe,
        PlantedGpt2Design::layer, l -> l == 0 ? PlantedGpt2Mlp.layer0() : null, LN_GAIN, lnf));
  }
}
