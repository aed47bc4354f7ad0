package dev.circuits.cli;

import dev.circuits.bench.EinsumBenchmark;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code circuits bench ...}: benchmarks that print ratios (never run as tests). */
@Command(name = "bench", description = "Benchmarks; each prints a last line `ratio: X`.",
    subcommands = {BenchCommand.Einsum.class, BenchSweepCommand.class, BenchClaimsCommand.class,
        BenchForwardCommand.class, BenchDiscoverCommand.class})
final class BenchCommand {
  /** {@code circuits bench einsum}. */
  @Command(name = "einsum", mixinStandardHelpOptions = true,
      description = "Time transformer-shaped einsums through the evaluator vs raw ND4J GEMM into "
          + "a preallocated buffer; ratio = GEMM time / our time (btd,dk->btk).")
  static final class Einsum implements Callable<Integer> {
    @Override
    public Integer call() {
      EinsumBenchmark.run(System.out);
      return 0;
    }
  }
}
