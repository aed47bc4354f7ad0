package dev.circuits.cli;

import dev.circuits.core.library.ModelFile;
import dev.circuits.core.text.ParserOptions;
import dev.circuits.core.text.TensorStore;
import dev.circuits.gpt2.Gpt2Models;
import dev.circuits.gpt2.model.Gpt2Checkpoint;
import dev.circuits.gpt2.model.Gpt2ModelFile;
import dev.circuits.gpt2.model.Gpt2Weights;
import dev.circuits.ioi.planted.PlantedModels;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resolves a {@code --model} argument: a planted model ({@code planted-ioi},
 * {@code planted-gpt2}), a rust_circuit model file
 * ({@code *.circ}, tensors from {@code $TENSORS_CACHE_DIR} or {@code ~/tensors_by_hash_cache}), a
 * local folder in the Hugging Face layout, or a Hub id ({@code gpt2}).
 */
final class ModelArg {
  private ModelArg() {}

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
    return Gpt2Checkpoint.load(Gpt2Models.resolve(model));
  }
}
