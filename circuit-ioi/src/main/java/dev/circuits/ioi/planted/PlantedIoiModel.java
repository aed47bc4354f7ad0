package dev.circuits.ioi.planted;

import dev.circuits.gpt2.model.Gpt2Checkpoint;
import dev.circuits.gpt2.model.Gpt2Config;
import dev.circuits.gpt2.model.Gpt2Weights;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A GPT-2-architecture model (4 layers x 4 heads, d_model 256, GPT-2's vocabulary) whose weights
 * are set by hand so that its IOI circuit is known: a duplicate-token head and an induction head
 * mark S2, an S-inhibition head reads that mark at END and writes S's identity, and two name movers
 * attend to the name that is not inhibited (the IO) and copy it to the logits; the other heads are
 * decoys. See {@code PLANTED.md} beside this class for the geometry.
 *
 * <pre>{@code
 * Gpt2Weights w = PlantedIoiModel.load();              // built in memory, no files
 * Gpt2Circuit m = Gpt2Circuit.build(w, Gpt2BuildOptions.split(seqLen));
 * List<Head> nameMovers = PlantedIoiModel.roles().nameMovers();   // [3.0, 3.1]
 * PlantedIoiModel.write(Path.of("planted-ioi"));      // config.json + model.safetensors
 * }</pre>
 */
public final class PlantedIoiModel {
  /** The model's name (as in {@code circuits model planted-ioi}). */
  public static final String NAME = "planted-ioi";

  /** The model as a {@link PlantedModel}. */
  public static final PlantedModel MODEL = new PlantedModel(NAME, config(),
      () -> PlantedDesign.heads().stream().map(DesignedHead::info).toList(),
      PlantedStateDict::build);

  private PlantedIoiModel() {}

  /** The GPT-2 hyper-parameters: 4 layers, 4 heads, d_model 256, 128 positions, vocab 50257. */
  public static Gpt2Config config() {
    return new Gpt2Config(PlantedLayout.N_LAYER, PlantedLayout.N_HEAD, PlantedLayout.D_MODEL,
        PlantedLayout.VOCAB_SIZE, PlantedLayout.N_POSITIONS, 1e-5, "gelu_new");
  }

  /** Every head with its role and what it does, layer by layer. */
  public static List<PlantedHead> heads() {
    return MODEL.heads();
  }

  /** The planted roles (what {@code config.json} stores under {@code planted_circuit}). */
  public static PlantedRoles roles() {
    return MODEL.roles();
  }

  /** A fresh Hugging Face state dict of the model (about 52 MB, mostly {@code wte}). */
  public static Map<String, INDArray> stateDict() {
    return MODEL.stateDict();
  }

  /** The model's weights, built in memory on first use and shared afterwards. */
  public static Gpt2Weights load() {
    return MODEL.load();
  }

  /** The {@code config.json} object: GPT-2's keys plus {@code planted_circuit}. */
  public static Map<String, Object> configJson() {
    return MODEL.configJson();
  }

  /**
   * Writes {@code config.json} and {@code model.safetensors} into {@code dir} (created if needed);
   * the bytes are the same on every run. Loads with {@link Gpt2Checkpoint#load(Path)}; the roles
   * with {@link PlantedRoles#read(Path)}. Returns {@code dir}.
   */
  public static Path write(Path dir) {
    return MODEL.write(dir);
  }
}
