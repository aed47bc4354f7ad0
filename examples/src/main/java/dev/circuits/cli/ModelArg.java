package dev.circuits.cli;

import dev.circuits.gpt2.Gpt2Models;
import dev.circuits.gpt2.model.Gpt2Checkpoint;
import dev.circuits.gpt2.model.Gpt2Weights;
import dev.circuits.ioi.planted.PlantedIoiModel;

/** Resolves a {@code --model} argument: {@code planted-ioi}, a local folder, or a Hub id. */
final class ModelArg {
  private ModelArg() {}

  /** The weights named by {@code model}. */
  static Gpt2Weights load(String model) {
    if (PlantedIoiModel.NAME.equals(model)) {
      return PlantedIoiModel.load();
    }
    return Gpt2Checkpoint.load(Gpt2Models.resolve(model));
  }
}
