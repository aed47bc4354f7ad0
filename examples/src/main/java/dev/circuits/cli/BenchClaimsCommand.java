package dev.circuits.cli;

import dev.circuits.bench.ClaimsBenchmark;
import dev.circuits.gpt2.model.Gpt2Weights;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code circuits bench claims}: seconds per IOI claim and in total on one model. */
@Command(name = "claims", mixinStandardHelpOptions = true,
    description = "Run every IOI claim (as `ioi claims` does, without writing a report) and print "
        + "the seconds per claim, the total, and the total in forward passes of the model.")
final class BenchClaimsCommand implements Callable<Integer> {
  @Option(names = "--model", defaultValue = "planted-ioi", description = "planted-ioi, "
      + "planted-gpt2, a checkpoint folder, a .circ file or a Hub id. Default: ${DEFAULT-VALUE}.")
  String model;

  @Option(names = "--n", defaultValue = "50", description = "Prompts per dataset. Default: "
      + "${DEFAULT-VALUE}.")
  int n;

  @Override
  public Integer call() {
    Gpt2Weights weights = ModelArg.load(model);
    ClaimsBenchmark.run(System.out, weights, model, ModelArg.expected(model, weights), n);
    return 0;
  }
}
