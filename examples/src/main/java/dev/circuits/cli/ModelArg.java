package dev.circuits.cli;

import dev.circuits.core.internal.Json;
import dev.circuits.core.library.ModelFile;
import dev.circuits.core.text.ParserOptions;
import dev.circuits.core.text.TensorStore;
import dev.circuits.gpt2.Gpt2Models;
import dev.circuits.gpt2.model.Gpt2Checkpoint;
import dev.circuits.gpt2.model.Gpt2Config;
import dev.circuits.gpt2.model.Gpt2ModelFile;
import dev.circuits.gpt2.model.Gpt2Weights;
import dev.circuits.gpt2.model.RandomGpt2;
import dev.circuits.ioi.claims.ExpectedHeads;
import dev.circuits.ioi.planted.PlantedModels;
import dev.circuits.ioi.planted.PlantedRoles;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resolves a {@code --model} argument: a planted model ({@code planted-ioi}, {@code
 * planted-gpt2}), a rust_circuit model file ({@code *.circ}, tensors from {@code
 * $TENSORS_CACHE_DIR} or {@code ~/tensors_by_hash_cache}), a local folder in the Hugging Face
 * layout, or a Hub id ({@code gpt2}).
 */
final class ModelArg {
  private ModelArg() {}

  /** The weights named by {@code model}, or random weights of GPT-2 small's shapes if null. */
  static Gpt2Weights loadOrRandomSmall(String model) {
    if (model == null) {
      Gpt2Config cfg = Gpt2Config.small();
      return Gpt2Weights.fromHuggingFace(cfg, RandomGpt2.stateDict(cfg, 0),
          "random GPT-2 small (seed 0)");
    }
    return load(model);
  }

  /** The weights named by {@code model}. */
  static Gpt2Weights load(String model) {
    var planted = PlantedModels.named(model);
    if (planted.isPresent()) {
      return planted.get().load();
    }
    Path path = Path.of(model);
    if (model.endsWith(".circ") && Files.isRegularFile(path)) {
      TensorStore store = TensorStore.defaultStore();
      return Gpt2ModelFile.weights(ModelFile.read(path,
          ParserOptions.defaults().withTensorLookup(store::load)));
    }
    return Gpt2Checkpoint.load(Gpt2Models.resolve(model, null, DownloadBar.hub()));
  }

  /**
   * The heads {@code model} is believed to have per role: the planted roles for a planted model
   * (built in, or a folder whose config.json has them), the IOI paper's for GPT-2 small's shape,
   * else none.
   */
  static ExpectedHeads expected(String model, Gpt2Weights weights) {
    var planted = PlantedModels.named(model);
    if (planted.isPresent()) {
      return ExpectedHeads.planted(planted.get().roles());
    }
    Path dir = Path.of(model);
    if (Files.isDirectory(dir) && hasPlantedRoles(dir)) {
      return ExpectedHeads.planted(PlantedRoles.read(dir));
    }
    return ExpectedHeads.forConfig(weights.config());
  }

  /**
   * The circuit {@code model} declares, if any: a planted model's roles and edges (built in, or a
   * folder whose config.json has both).
   */
  static java.util.Optional<dev.circuits.ioi.discovery.PlantedTruth> truth(String model) {
    var planted = PlantedModels.named(model);
    if (planted.isPresent()) {
      return java.util.Optional.of(dev.circuits.ioi.discovery.PlantedTruth.of(
          planted.get().roles(), planted.get().edges()));
    }
    Path dir = Path.of(model);
    if (Files.isDirectory(dir) && hasPlantedRoles(dir)) {
      return dev.circuits.ioi.planted.PlantedEdges.read(dir).map(edges ->
          dev.circuits.ioi.discovery.PlantedTruth.of(PlantedRoles.read(dir), edges));
    }
    return java.util.Optional.empty();
  }

  private static boolean hasPlantedRoles(Path dir) {
    try {
      Object json = Json.parse(Files.readString(dir.resolve(Gpt2Checkpoint.CONFIG)));
      return json instanceof java.util.Map<?, ?> m && m.containsKey(PlantedRoles.CONFIG_KEY);
    } catch (java.io.IOException | RuntimeException e) {
      return false;
    }
  }
}
