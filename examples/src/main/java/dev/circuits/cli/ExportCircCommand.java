package dev.circuits.cli;

import dev.circuits.core.CircuitException;
import dev.circuits.core.internal.AtomicFiles;
import dev.circuits.core.io.IoErrors;
import dev.circuits.core.text.PrintOptions;
import dev.circuits.core.text.TensorStore;
import dev.circuits.gpt2.model.Gpt2BuildOptions;
import dev.circuits.gpt2.model.Gpt2Checkpoint;
import dev.circuits.gpt2.model.Gpt2ModelFile;
import dev.circuits.gpt2.model.Gpt2Weights;
import dev.circuits.ioi.planted.PlantedModel;
import dev.circuits.ioi.planted.PlantedModels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code circuits gpt2 export-circ}: a GPT-2 checkpoint (Hugging Face layout) as a rust_circuit
 * model file in REMIX's form ({@code gelu_12_tied.circ}), its tensors saved in a tensor store.
 */
@Command(name = "export-circ", mixinStandardHelpOptions = true,
    description = "Write a GPT-2 checkpoint as a rust_circuit model file (REMIX's "
        + "gelu_12_tied.circ form: '# info:' header, module-library references, REMIX-named "
        + "weight Arrays) and save its tensors in a tensor store.")
final class ExportCircCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, paramLabel = "MODEL",
      description = "Model folder with config.json and model.safetensors, or planted-gpt2 / "
          + "planted-ioi.")
  String model;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "The .circ file.")
  Path out;

  @Option(names = "--tensors", paramLabel = "DIR",
      description = "Tensor store folder (default: $TENSORS_CACHE_DIR or ~/tensors_by_hash_cache).")
  Path tensors;

  @Option(names = "--activation", paramLabel = "NAME",
      description = "MLP activation written to the file: gelu (erf, as REMIX's file) or gelu_new "
          + "(GPT-2's). Default: the config's activation_function.")
  String activation;

  @Option(names = "--format", defaultValue = "torch", paramLabel = "FORMAT",
      description = "Tensor file format: torch (torch.save, readable by rust_circuit) or "
          + "safetensors. Default: torch.")
  String format;

  @Override
  public Integer call() {
    Gpt2Weights w = PlantedModels.named(model).map(PlantedModel::load)
        .orElseGet(() -> Gpt2Checkpoint.load(Path.of(model)));
    TensorStore store = (tensors == null ? TensorStore.defaultStore() : TensorStore.at(tensors))
        .withFormat(format());
    Set<String> hashes = new HashSet<>();
    PrintOptions options = PrintOptions.defaults().withTensorSink(a -> hashes.add(store.save(a)));
    String text = Gpt2ModelFile.export(w, activation(w), options);
    try {
      AtomicFiles.write(out, text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new CircuitException("cannot write " + out + ": " + IoErrors.describe(e), e);
    }
    System.out.println("wrote " + out + " (" + w.config().nLayer() + " layers, "
        + hashes.size() + " tensors in " + store.dir() + ", " + store.format() + ")");
    return 0;
  }

  private TensorStore.Format format() {
    return switch (format) {
      case "torch" -> TensorStore.Format.TORCH;
      case "safetensors" -> TensorStore.Format.SAFETENSORS;
      default -> throw new IllegalArgumentException("unknown --format '" + format
          + "' (expected torch or safetensors)");
    };
  }

  private Gpt2BuildOptions.Activation activation(Gpt2Weights w) {
    String a = activation == null ? w.config().activationFunction() : activation;
    return switch (a) {
      case "gelu" -> Gpt2BuildOptions.Activation.GELU_ERF;
      case "gelu_new" -> Gpt2BuildOptions.Activation.GELU_NEW;
      default -> throw new IllegalArgumentException("unknown --activation '" + a
          + "' (expected gelu or gelu_new)");
    };
  }
}
