package dev.circuits.ioi.planted;

import dev.circuits.core.io.AtomicFiles;
import dev.circuits.core.io.Json;
import dev.circuits.core.io.Safetensors;
import dev.circuits.gpt2.model.Gpt2Checkpoint;
import dev.circuits.gpt2.model.Gpt2Config;
import dev.circuits.gpt2.model.Gpt2Weights;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * List<HeadRef> nameMovers = PlantedIoiModel.roles().nameMovers();   // [3.0, 3.1]
 * PlantedIoiModel.write(Path.of("planted-ioi"));      // config.json + model.safetensors
 * }</pre>
 */
public final class PlantedIoiModel {
  /** The model's name (as in {@code circuits model planted-ioi}). */
  public static final String NAME = "planted-ioi";

  private static final Logger LOG = LoggerFactory.getLogger(PlantedIoiModel.class);
  private static volatile Gpt2Weights cached;
  private static volatile List<PlantedHead> heads;

  private PlantedIoiModel() {}

  /** The GPT-2 hyper-parameters: 4 layers, 4 heads, d_model 256, 128 positions, vocab 50257. */
  public static Gpt2Config config() {
    return new Gpt2Config(PlantedLayout.N_LAYER, PlantedLayout.N_HEAD, PlantedLayout.D_MODEL,
        PlantedLayout.VOCAB_SIZE, PlantedLayout.N_POSITIONS, 1e-5, "gelu_new");
  }

  /** Every head with its role and what it does, layer by layer. */
  public static List<PlantedHead> heads() {
    List<PlantedHead> h = heads;
    if (h == null) {
      List<PlantedHead> out = new ArrayList<>();
      PlantedDesign.heads().forEach(d -> out.add(d.info()));
      h = List.copyOf(out);
      heads = h;
    }
    return h;
  }

  /** The planted roles (what {@code config.json} stores under {@code planted_circuit}). */
  public static PlantedRoles roles() {
    Map<PlantedRole, List<HeadRef>> byRole = new EnumMap<>(PlantedRole.class);
    for (PlantedHead h : heads()) {
      byRole.computeIfAbsent(h.role(), r -> new ArrayList<>()).add(h.head());
    }
    return PlantedRoles.of(byRole);
  }

  /** A fresh Hugging Face state dict of the model (about 52 MB, mostly {@code wte}). */
  public static Map<String, INDArray> stateDict() {
    return PlantedStateDict.build();
  }

  /** The model's weights, built in memory on first use and shared afterwards. */
  public static Gpt2Weights load() {
    Gpt2Weights w = cached;
    if (w == null) {
      synchronized (PlantedIoiModel.class) {
        w = cached;
        if (w == null) {
          long t0 = System.nanoTime();
          w = Gpt2Weights.fromHuggingFace(config(), stateDict(), NAME);
          cached = w;
          LOG.debug("built {} in {} ms", NAME, (System.nanoTime() - t0) / 1_000_000);
        }
      }
    }
    return w;
  }

  /** The {@code config.json} object: GPT-2's keys plus {@code planted_circuit}. */
  public static Map<String, Object> configJson() {
    Map<String, Object> json = config().toJson();
    json.put(PlantedRoles.CONFIG_KEY, roles().toJson());
    return json;
  }

  /**
   * Writes {@code config.json} and {@code model.safetensors} into {@code dir} (created if needed);
   * the bytes are the same on every run. Loads with {@link Gpt2Checkpoint#load(Path)}; the roles
   * with {@link PlantedRoles#read(Path)}. Returns {@code dir}.
   */
  public static Path write(Path dir) {
    try {
      AtomicFiles.write(dir.resolve(Gpt2Checkpoint.CONFIG),
          (Json.write(configJson()) + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new PlantedModelException("cannot write the planted model to " + dir + ": "
          + e.getMessage(), e);
    }
    Safetensors.write(dir.resolve(Gpt2Checkpoint.WEIGHTS), stateDict(), Map.of("format", "pt"));
    LOG.info("wrote {} to {}", NAME, dir);
    return dir;
  }
}
