package dev.circuits.cli;

import dev.circuits.gpt2.model.Gpt2Config;
import dev.circuits.gpt2.model.RandomGpt2;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code circuits model ...}: obtain model checkpoints. */
@Command(name = "model", description = "Download or create model checkpoints.",
    subcommands = {ModelCommand.Download.class, ModelCommand.RandomGpt2Command.class,
        PlantedModelCommand.Ioi.class, PlantedModelCommand.Gpt2.class})
final class ModelCommand {
  /** {@code circuits model download NAME}: fetch a checkpoint into the Hugging Face cache. */
  @Command(name = "download", mixinStandardHelpOptions = true,
      description = "Download a model (config.json, model.safetensors, tokenizer.json) from the "
          + "Hugging Face Hub into the standard cache ($HF_HOME/hub) and print its folder.")
  static final class Download implements Callable<Integer> {
    @picocli.CommandLine.Parameters(index = "0", paramLabel = "NAME",
        description = "Repo id, e.g. openai-community/gpt2 (gpt2 is an alias).")
    String name;

    @Option(names = "--revision", description = "Branch, tag or commit (default: main).")
    String revision;

    @Override
    public Integer call() {
      Path dir = dev.circuits.gpt2.Gpt2Models.resolve(name, revision, DownloadBar.hub());
      System.out.println(dir);
      return 0;
    }
  }

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
