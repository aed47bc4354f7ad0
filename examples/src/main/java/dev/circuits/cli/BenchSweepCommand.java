package dev.circuits.cli;

import dev.circuits.gpt2.model.Gpt2Checkpoint;
import dev.circuits.scrubbing.patching.SweepBenchmark;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code circuits bench sweep}: a direct-effect path-patching sweep, ours vs naive. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
    description = "Path-patch every head and MLP at the last position into the logit difference "
        + "(GPT-2 small: 156 extenders, 50 prompts x 16 tokens) with the shared sweep and naively "
        + "(one independent evaluation per extender); checks they agree; ratio = naive time / "
        + "our time.")
final class BenchSweepCommand implements Callable<Integer> {
  @Option(names = "--model", description = "A GPT-2 checkpoint folder (config.json + "
      + "model.safetensors). Default: random weights of GPT-2 small's shapes.")
  Path model;

  @Option(names = "--naive-sample", defaultValue = "12", description = "Extenders to evaluate "
      + "naively, spread over the layers, extrapolated to all (0: every extender; slow). "
      + "Default: 12.")
  int naiveSample;

  @Option(names = "--seed", defaultValue = "0", description = "Seed of the random weights and "
      + "prompts. Default: 0.")
  long seed;

  @Override
  public Integer call() {
    SweepBenchmark.Options options = new SweepBenchmark.Options(naiveSample, seed);
    if (model == null) {
      SweepBenchmark.run(System.out, options);
    } else {
      SweepBenchmark.run(System.out, Gpt2Checkpoint.load(model), options);
    }
    return 0;
  }
}
