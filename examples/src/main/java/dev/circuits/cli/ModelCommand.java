package dev.circuits.cli;

import dev.circuits.gpt2.model.Gpt2Config;
import dev.circuits.gpt2.model.RandomGpt2;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code circuits model ...}: obtain model checkpoints. */
@Command(name = "model", description = "Download or create model checkpoints.",
    subcommands = {ModelCommand.RandomGpt2Command.class})
final class ModelCommand {
  /** {@code circuits model random-gpt2}: a randomly initialised checkpoint in the HF layout. */
  @Command(name = "random-gpt2", mixinStandardHelpOptions = true,
      description = "Write a randomly initialised GPT-2 checkpoint (config.json, "
          + "model.safetensors) in the Hugging Face layout.")
  static final class RandomGpt2Command implements Callable<Integer> {
    @Option(names = "--size", defaultValue = "small",
        description = "tiny (2 layers, d=64) or small (GPT-2 small's shapes). Default: small.")
    String size;

    @Option(names = "--seed", defaultValue = "0", description = "Random seed. Default: 0.")
    long seed;

    @Option(names = "--out", required = true, description = "Output folder.")
    Path out;

    @Override
    public Integer call() {
      Gpt2Config cfg = switch (size) {
        case "small" -> Gpt2Config.small();
        case "tiny" -> new Gpt2Config(2, 4, 64, 1000, 32, 1e-5, "gelu_new");
        default -> throw new IllegalArgumentException("unknown --size '" + size
            + "' (expected tiny or small)");
      };
      RandomGpt2.write(cfg, seed, out);
      System.out.println("wrote " + out.resolve("model.safetensors") + " (" + cfg + ")");
      return 0;
    }
  }
}
