package dev.circuits.cli;

import dev.circuits.ioi.planted.PlantedGpt2Small;
import dev.circuits.ioi.planted.PlantedHead;
import dev.circuits.ioi.planted.PlantedIoiModel;
import dev.circuits.ioi.planted.PlantedModel;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code circuits model planted-ioi|planted-gpt2 --out DIR}: writes a planted-circuit IOI model
 * (GPT-2 architecture, hand-set weights whose IOI circuit is known) and lists its heads' roles.
 * Each model is a subclass registered in {@code ModelCommand}'s {@code subcommands}.
 */
abstract class PlantedModelCommand implements Callable<Integer> {
  @Option(names = "--out", required = true, description = "Output folder.")
  Path out;

  /** The model this command writes. */
  abstract PlantedModel model();

  @Override
  public Integer call() {
    PlantedModel m = model();
    m.write(out);
    System.out.println("wrote " + out.resolve("model.safetensors") + " (" + m.config() + ")");
    for (PlantedHead h : m.heads()) {
      System.out.printf("%-7s %-20s %s%n", h.head().nodeName(), h.role().key(), h.description());
    }
    return 0;
  }

  /** {@code circuits model planted-ioi}. */
  @Command(name = "planted-ioi", mixinStandardHelpOptions = true,
      description = "Write the small planted-circuit IOI model (4x4, d_model 256; config.json with "
          + "the planted roles, model.safetensors) in the Hugging Face GPT-2 layout.")
  static final class Ioi extends PlantedModelCommand {
    @Override
    PlantedModel model() {
      return PlantedIoiModel.MODEL;
    }
  }

  /** {@code circuits model planted-gpt2}. */
  @Command(name = "planted-gpt2", mixinStandardHelpOptions = true,
      description = "Write planted-gpt2, GPT-2 small's shape with the IOI paper's circuit planted "
          + "(config.json with the planted roles, model.safetensors, ~500 MB) in the Hugging Face "
          + "GPT-2 layout.")
  static final class Gpt2 extends PlantedModelCommand {
    @Override
    PlantedModel model() {
      return PlantedGpt2Small.MODEL;
    }
  }
}
