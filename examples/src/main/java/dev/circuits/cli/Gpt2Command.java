package dev.circuits.cli;

import dev.circuits.core.Circuit;
import dev.circuits.core.eval.Evaluator;
import dev.circuits.core.io.Safetensors;
import dev.circuits.core.io.SafetensorsFile;
import dev.circuits.gpt2.Gpt2Tokenizer;
import dev.circuits.gpt2.model.Gpt2BuildOptions;
import dev.circuits.gpt2.model.Gpt2Circuit;
import dev.circuits.gpt2.model.Gpt2Weights;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code circuits gpt2 ...}: run GPT-2 checkpoints. */
@Command(name = "gpt2", description = "Run GPT-2 checkpoints (HF layout) as circuits.",
    subcommands = {Gpt2Command.Forward.class, Gpt2Command.Generate.class,
        ExportCircCommand.class})
final class Gpt2Command {
  private Gpt2Command() {}

  /** {@code circuits gpt2 forward}. */
  @Command(name = "forward", mixinStandardHelpOptions = true,
      description = "Read input_ids (int64 [B,T]) from a safetensors file and write logits "
          + "(float32 [B,T,V]) to another.")
  static final class Forward implements Callable<Integer> {
    @Option(names = "--model", required = true,
        description = "planted-gpt2, planted-ioi, a model folder, or a Hub id (gpt2).")
    String model;

    @Option(names = "--input", required = true, description = "safetensors with input_ids.")
    Path input;

    @Option(names = "--out", required = true, description = "Output safetensors (logits).")
    Path out;

    @Override
    public Integer call() {
      Gpt2Weights w = ModelArg.load(model);
      INDArray ids;
      try (SafetensorsFile f = Safetensors.open(input)) {
        ids = f.read("input_ids");
      }
      if (ids.rank() != 2 || !ids.dataType().isIntType()) {
        throw new IllegalArgumentException(input + ": input_ids must be an integer [B,T] tensor, "
            + "got " + ids.dataType() + " " + Arrays.toString(ids.shape()));
      }
      Gpt2Circuit m = Gpt2Circuit.build(w, Gpt2BuildOptions.fused((int) ids.size(1)));
      INDArray logits = Evaluator.create().evaluate(m.withTokens(m.logits(), ids))
          .castTo(DataType.FLOAT);
      Safetensors.write(out, Map.of("logits", logits));
      System.out.println("wrote logits " + Arrays.toString(logits.shape()) + " to " + out);
      return 0;
    }
  }

  /** {@code circuits gpt2 generate}: greedy decoding. */
  @Command(name = "generate", mixinStandardHelpOptions = true,
      description = "Greedy-decode N tokens after PROMPT and print the text.")
  static final class Generate implements Callable<Integer> {
    @Option(names = "--model", required = true,
        description = "planted-gpt2, planted-ioi, a model folder, or a Hub id (gpt2).")
    String model;

    @Option(names = "--prompt", required = true, description = "Prompt text.")
    String prompt;

    @Option(names = "--tokens", defaultValue = "20", description = "Tokens to generate.")
    int tokens;

    @Override
    public Integer call() {
      if (tokens < 0) {
        throw new IllegalArgumentException("--tokens must be 0 or more, got " + tokens);
      }
      Gpt2Weights w = ModelArg.load(model);
      Path tokJson = Path.of(model, "tokenizer.json");
      boolean ownTokenizer = Files.isDirectory(Path.of(model)) && Files.isRegularFile(tokJson);
      try (Gpt2Tokenizer tok = ownTokenizer ? Gpt2Tokenizer.fromFile(tokJson)
          : Gpt2Tokenizer.bundled()) {
        int[] ids = tok.encode(prompt);
        int maxId = Arrays.stream(ids).max().orElse(0);
        if (maxId >= w.config().vocabSize()) {
          throw new IllegalArgumentException("the prompt has token id " + maxId + " but the model's "
              + "vocabulary has " + w.config().vocabSize() + " entries (tokenizer " + tok.source()
              + " does not fit " + model + ")");
        }
        Evaluator evaluator = Evaluator.create();
        StringBuilder text = new StringBuilder(prompt);
        for (int i = 0; i < tokens; i++) {
          int[] window = ids.length > w.config().nPositions()
              ? Arrays.copyOfRange(ids, ids.length - w.config().nPositions(), ids.length) : ids;
          Gpt2Circuit m = Gpt2Circuit.build(w, Gpt2BuildOptions.fused(window.length));
          INDArray idArray = Nd4j.createFromArray(Arrays.stream(window).asLongStream().toArray());
          Circuit last = m.withTokens(m.logitsAt(-1), idArray);
          int next = evaluator.evaluate(last).argMax().getInt(0);
          ids = Arrays.copyOf(ids, ids.length + 1);
          ids[ids.length - 1] = next;
          text.append(tok.decode(new int[] {next}));
        }
        System.out.println(text);
      }
      return 0;
    }
  }
}
