package dev.circuits.cli;

import dev.circuits.bench.ForwardBenchmark;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code circuits bench forward}: one GPT-2 forward pass against the machine's GEMM speed. */
@Command(name = "forward", mixinStandardHelpOptions = true,
    description = "Time one GPT-2 forward pass (50 prompts x 16 tokens, logits at the last "
        + "position) and print its FLOPs, GFLOP/s and this machine's GEMM GFLOP/s; ratio = "
        + "achieved / GEMM.")
final class BenchForwardCommand implements Callable<Integer> {
  @Option(names = "--model", description = "planted-ioi, planted-gpt2, a checkpoint folder or a "
      + "Hub id. Default: random weights of GPT-2 small's shapes.")
  String model;

  @Override
  public Integer call() {
    ForwardBenchmark.run(System.out, ModelArg.loadOrRandomSmall(model));
    return 0;
  }
}
