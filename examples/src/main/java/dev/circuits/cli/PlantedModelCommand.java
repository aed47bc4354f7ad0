package dev.circuits.cli;

import dev.circuits.ioi.planted.PlantedHead;
import dev.circuits.ioi.planted.PlantedIoiModel;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code circuits model planted-ioi --out DIR}: writes the planted-circuit IOI model (GPT-2
 * architecture, hand-set weights whose IOI circuit is known) and lists its heads' roles. Register
 * it in {@code ModelCommand}'s {@code subcommands}.
 */
@Command(name = "planted-ioi", mixinStandardHelpOptions = true,
    description = "Write the planted-circuit IOI model (config.json with the planted roles, "
        + "model.safetensors) in the Hugging Face GPT-2 layout.")
final class PlantedModelCommand implements Callable<Integer> {
  @Option(names = "--out", required = true, description = "Output folder.")
  Path out;

  @Override
  public Integer call() {
    PlantedIoiModel.write(out);
    System.out.println("wrote " + out.resolve("model.safetensors") + " ("
        + PlantedIoiModel.config() + ")");
    for (PlantedHead h : PlantedIoiModel.heads()) {
      System.out.printf("%-6s %-16s %s%n", h.head().nodeName(), h.role().key(), h.description());
    }
    return 0;
  }
}
