package dev.circuits.cli;

import dev.circuits.gpt2.bench.ForwardBenchmark;
import dev.circuits.gpt2.model.Gpt2Checkpoint;
import dev.circuits.gpt2.model.Gpt2Config;
import dev.circuits.gpt2.model.Gpt2Weights;
import dev.circuits.gpt2.model.RandomGpt2;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code circuits bench forward}: one GPT-2 forward pass against the machine's GEMM speed. */
@Command(name = "forward", mixinStandardHelpOptions = true,
    description = "Time one GPT-2 forward pass (50 prompts x 16 tokens, logits at the last "
        + "position) and print its FLOPs, GFLOP/s and this machine's GEMM GFLOP/s; ratio = "
        + "achieved / GEMM.")
final class BenchForwardCommand implements Callable<Integer> {
  @Option(names = "--model", description = "A GPT-2 checkpoint folder (config.json + "
      + "model.safetensors). Default: random weights of GPT-2 small's shapes.")
  Path model;

  @Override
  public Integer call() {
    Gpt2Weights weights;
    if (model == null) {
      Gpt2Config cfg = Gpt2Config.small();
      weights = Gpt2Weights.fromHuggingFace(cfg, RandomGpt2.stateDict(cfg, 0),
          "random GPT-2 small");
    } else {
      weights = Gpt2Checkpoint.load(model);
    }
    ForwardBenchmark.run(System.out, weights);
    return 0;
  }
}
