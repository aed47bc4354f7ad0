package dev.circuits.cli;

import dev.circuits.core.eval.Evaluator;
import dev.circuits.ioi.IoiDataset;
import dev.circuits.ioi.experiments.LogitDiffStats;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code circuits ioi logit-diff}: logit(IO) - logit(S) at each prompt's END. */
@Command(name = "logit-diff", mixinStandardHelpOptions = true,
    description = "Mean, standard deviation and accuracy of logit(IO) - logit(S) at each prompt's "
        + "END on an IOI dataset.")
final class IoiLogitDiffCommand implements Callable<Integer> {
  @Option(names = "--model", required = true,
      description = "planted-gpt2, planted-ioi, a local folder or a Hub id (gpt2).")
  String model;

  @Mixin
  IoiDataOptions data;

  @Override
  public Integer call() {
    long start = System.nanoTime();
    IoiDataset ds = data.base();
    LogitDiffStats s = LogitDiffStats.of(ModelArg.load(model), ds, Evaluator.create());
    System.out.printf(java.util.Locale.ROOT,
        "%s: N=%d mean %.4f std %.4f accuracy %.4f (%.1f s)%n", ds, ds.size(), s.mean(), s.std(),
        s.accuracy(), (System.nanoTime() - start) / 1e9);
    return 0;
  }
}
