package dev.circuits.cli;

import dev.circuits.bench.DiscoverBenchmark;
import dev.circuits.ioi.discovery.DiscoveryException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code circuits bench discover}: ACDC's time and edges per second on IOI prompts. */
@Command(name = "discover", mixinStandardHelpOptions = true,
    description = "Time ACDC (logit difference, ABC, default threshold) on REMIX's IOI prompts: "
        + "total time, edges decided and evaluated per second; ratio = one forward pass per "
        + "tried edge / ours.")
final class BenchDiscoverCommand implements Callable<Integer> {
  @Option(names = "--model", defaultValue = "planted-gpt2",
      description = "planted-gpt2, planted-ioi, a checkpoint folder or a Hub id. Default: "
          + "${DEFAULT-VALUE}.")
  String model;

  @Option(names = "--n", defaultValue = "50", description = "Prompts (default ${DEFAULT-VALUE}).")
  int n;

  @Override
  public Integer call() {
    if (n < 1) {
      throw new DiscoveryException("--n must be >= 1, got " + n);
    }
    DiscoverBenchmark.run(System.out, ModelArg.load(model), model, n);
    return 0;
  }
}
