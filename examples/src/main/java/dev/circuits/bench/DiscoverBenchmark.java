package dev.circuits.bench;

import dev.circuits.gpt2.model.Gpt2Config;
import dev.circuits.gpt2.model.Gpt2Weights;
import dev.circuits.gpt2.sweep.ForwardRun;
import dev.circuits.gpt2.sweep.HeadOverrides;
import dev.circuits.ioi.IoiDataset;
import dev.circuits.ioi.IoiTokenizers;
import dev.circuits.ioi.PatchDataset;
import dev.circuits.ioi.RemixDatasets;
import dev.circuits.ioi.discovery.Acdc;
import dev.circuits.ioi.discovery.AcdcOptions;
import dev.circuits.ioi.discovery.AcdcStats;
import dev.circuits.ioi.discovery.DiscoveredCircuit;
import dev.circuits.ioi.discovery.DiscoveryMetric;
import dev.circuits.ioi.discovery.IoiDiscovery;
import dev.circuits.ioi.experiments.IoiPatchSetup;
import java.io.PrintStream;
import java.util.Arrays;

/**
 * Times ACDC on REMIX's IOI prompts against ABC prompts (logit difference, default threshold):
 * total time, edges decided and evaluated per second, and, for scale, one forward pass of the same
 * batch with the row engine. The last line {@code ratio: X} compares with ACDC as usually run (one
 * forward pass per tried edge, TransformerLens-style hooks): forward time x edges tried / ours.
 */
public final class DiscoverBenchmark {
  private DiscoverBenchmark() {}

  /** Runs the benchmark on {@code weights} with {@code n} prompts; prints to {@code out}. */
  public static String run(PrintStream out, Gpt2Weights weights, String name, int n) {
    Report report = new Report(out);
    Gpt2Config cfg = weights.config();
    RemixDatasets ds = RemixDatasets.build(IoiTokenizers.gpt2(), n);
    IoiDataset base = ds.ioi();
    IoiDataset corrupt = PatchDataset.ABC.flip(base);
    AcdcOptions o = AcdcOptions.defaults(DiscoveryMetric.LOGIT_DIFF);
    report.line("discover: ACDC on %s (%d layers x %d heads, d=%d), N=%d, T=%d, ABC, %s < %.3g",
        name, cfg.nLayer(), cfg.nHead(), cfg.nEmbd(), n, base.maxLength(), o.metric().key(),
        o.threshold());
    IoiPatchSetup setup = IoiPatchSetup.of(weights, base);
    int end = setup.position("END");
    double[] fw = new double[3];
    for (int i = 0; i < fw.length; i++) {
      long t0 = System.nanoTime();
      try (ForwardRun r = ForwardRun.of(setup.rowModel(), setup.baselineTokens(), end,
          HeadOverrides.none())) {
        fw[i] = (System.nanoTime() - t0) / 1e9;
      }
    }
    Arrays.sort(fw);
    double forward = fw[1];
    report.line("one forward pass of this batch (row engine, median of 3): %.3f s", forward);
    long t0 = System.nanoTime();
    DiscoveredCircuit c = IoiDiscovery.discover(weights, base, corrupt, o, Acdc.Progress.NONE);
    double total = (System.nanoTime() - t0) / 1e9;
    AcdcStats s = c.stats();
    report.line("graph: %d edges; tried %d (%d evaluations with re-evaluations), %d removed "
        + "unevaluated (sender unchanged), %d with a dead receiver; kept %d over %d nodes",
        s.edgesTotal(), s.edgesTried(), s.evaluations(), s.edgesUnchanged(), s.edgesDead(),
        s.edgesKept(), c.nodes().size());
    report.line("total time %.1f s (ACDC %.1f s, plus the clean and corrupted runs)", total,
        s.seconds());
    report.line("edges decided per second: %.0f; edges evaluated per second: %.1f (%.1f ms each)",
        s.edgesTotal() / total, s.evaluations() / total, 1000 * total / s.evaluations());
    double naive = forward * s.edgesTried();
    report.line("one forward pass per tried edge would take %.0f s", naive);
    report.line("ratio: %.1f", naive / total);
    return report.text();
  }
}
