package dev.circuits.cli;

import dev.circuits.bench.SweepBenchmark;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code circuits bench sweep}: one path-patching sweep, the fast engine vs naive patching. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
    description = "Time a path-patching sweep over every head and MLP (GPT-2 small: 156 senders) "
        + "on REMIX's IOI prompts (50 x 16 tokens) with the fast engine from scratch and naively "
        + "(one independent evaluation per sender); checks they agree; prints the fast time in "
        + "forward passes; ratio = naive time / fast time.")
final class BenchSweepCommand implements Callable<Integer> {
  @Option(names = "--receiver", defaultValue = "logits", description = "logits (direct effect "
      + "at END, flipped IO), q (name movers' queries at END, abc), k (name movers' keys at IO, "
      + "flipped IO) or v (S-inhibition values at S2, abc). Default: ${DEFAULT-VALUE}.")
  String receiver;

  @Option(names = "--model", description = "planted-ioi, planted-gpt2, a checkpoint folder or a "
      + "Hub id. Default: random weights of GPT-2 small's shapes.")
  String model;

  @Option(names = "--naive-sample", defaultValue = "12", description = "Senders to evaluate "
      + "naively, spread over the layers, extrapolated to all (0: every sender; slow). "
      + "Default: ${DEFAULT-VALUE}.")
  int naiveSample;

  @Override
  public Integer call() {
    SweepBenchmark.Kind kind;
    try {
      kind = SweepBenchmark.Kind.valueOf(receiver.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--receiver must be logits, q, k or v, got '" + receiver
          + "'");
    }
    SweepBenchmark.run(System.out, ModelArg.loadOrRandomSmall(model),
        new SweepBenchmark.Options(kind, naiveSample));
    return 0;
  }
}
