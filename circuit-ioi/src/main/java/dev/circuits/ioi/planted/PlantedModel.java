package dev.circuits.ioi.planted;

import dev.circuits.core.internal.AtomicFiles;
import dev.circuits.core.internal.Json;
import dev.circuits.core.io.Safetensors;
import dev.circuits.gpt2.model.Gpt2Checkpoint;
import dev.circuits.gpt2.model.Gpt2Config;
import dev.circuits.gpt2.model.Gpt2Weights;
import dev.circuits.gpt2.model.Head;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A GPT-2-architecture model with hand-set weights whose IOI circuit is known by construction:
 * its name, configuration, heads with their roles, and its weights, built deterministically in
 * memory on first use or written in the Hugging Face layout. The models are {@link
 * PlantedIoiModel} and {@link PlantedGpt2Small}; {@link PlantedModels} finds them by name.
 */
public final class PlantedModel {
  private static final Logger LOG = LoggerFactory.getLogger(PlantedModel.class);

  private final String name;
  private final Gpt2Config config;
  private final Supplier<List<PlantedHead>> design;
  private final Supplier<Map<String, INDArray>> stateDict;
  private volatile List<PlantedHead> heads;
  private volatile Gpt2Weights cached;

  PlantedModel(String name, Gpt2Config config, Supplier<List<PlantedHead>> design,
      Supplier<Map<String, INDArray>> stateDict) {
    this.name = name;
    this.config = config;
    this.design = design;
    this.stateDict = stateDict;
  }

  /** The model's name (as in {@code circuits model NAME} and {@code --model NAME}). */
  public String name() {
    return name;
  }

  /** The GPT-2 hyper-parameters. */
  public Gpt2Config config() {
    return config;
  }

  /** Every head with its role and what it does, layer by layer. */
  public List<PlantedHead> heads() {
    List<PlantedHead> h = heads;
    if (h == null) {
      h = List.copyOf(design.get());
      heads = h;
    }
    return h;
  }

  /** The planted roles (what {@code config.json} stores under {@code planted_circuit}). */
  public PlantedRoles roles() {
    Map<PlantedRole, List<Head>> byRole = new EnumMap<>(PlantedRole.class);
    for (PlantedHead h : heads()) {
      byRole.computeIfAbsent(h.role(), r -> new ArrayList<>()).add(h.head());
    }
    return PlantedRoles.of(byRole);
  }

  /** The planted circuit's edges (what {@code config.json} stores under {@code planted_edges}). */
  public PlantedEdges edges() {
    return PlantedEdges.derive(roles(), config.nLayer() > 4);
  }

  /** A fresh Hugging Face state dict of the model. */
  public Map<String, INDArray> stateDict() {
    return stateDict.get();
  }

  /** The model's weights, built in memory on first use and shared afterwards. */
  public Gpt2Weights load() {
    Gpt2Weights w = cached;
    if (w == null) {
      synchronized (this) {
        w = cached;
        if (w == null) {
          long t0 = System.nanoTime();
          w = Gpt2Weights.fromHuggingFace(config, stateDict(), name);
          cached = w;
          LOG.debug("built {} in {} ms", name, (System.nanoTime() - t0) / 1_000_000);
        }
      }
    }
    return w;
  }

  /** The {@code config.json} object: GPT-2's keys plus {@code planted_circuit}. */
  public Map<String, Object> configJson() {
    Map<String, Object> json = config.toJson();
    json.put(PlantedRoles.CONFIG_KEY, roles().toJson());
    json.put(PlantedEdges.CONFIG_KEY, edges().toJson());
    return json;
  }

  /**
   * Writes {@code config.json} and {@code model.safetensors} into {@code dir} (created if needed);
   * the bytes are the same on every run. Loads with {@link Gpt2Checkpoint#load(Path)}; the roles
   * with {@link PlantedRoles#read(Path)}. Returns {@code dir}.
   */
  public Path write(Path dir) {
    try {
      AtomicFiles.write(dir.resolve(Gpt2Checkpoint.CONFIG),
          (Json.write(configJson()) + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new PlantedModelException("cannot write the planted model " + name + " to " + dir
          + ": " + e.getMessage(), e);
    }
    Safetensors.write(dir.resolve(Gpt2Checkpoint.WEIGHTS), stateDict(), Map.of("format", "pt"));
    LOG.info("wrote {} to {}", name, dir);
    return dir;
  }

  @Override
  public String toString() {
    return name + " (" + config + ")";
  }
}
