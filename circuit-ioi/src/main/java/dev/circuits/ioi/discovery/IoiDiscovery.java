package dev.circuits.ioi.discovery;

import dev.circuits.gpt2.model.Gpt2Weights;
import dev.circuits.gpt2.sweep.EdgeMetric;
import dev.circuits.gpt2.sweep.EdgePatching;
import dev.circuits.gpt2.sweep.RowModel;
import dev.circuits.ioi.IoiDataset;
import dev.circuits.ioi.experiments.IoiPatchSetup;

/**
 * Circuit discovery on IOI prompts: ACDC between an aligned IOI dataset (clean) and an aligned
 * corrupted one (ABC by default), the metric read at END. Example:
 * {@code IoiDiscovery.discover(w, ds, PatchDataset.ABC.flip(ds), AcdcOptions.defaults(LOGIT_DIFF),
 * Acdc.Progress.NONE).heads()}.
 */
public final class IoiDiscovery {
  private IoiDiscovery() {}

  /** Runs ACDC on {@code weights} from {@code clean} to {@code corrupt}. */
  public static DiscoveredCircuit discover(Gpt2Weights weights, IoiDataset clean,
      IoiDataset corrupt, AcdcOptions options, Acdc.Progress progress) {
    try (EdgePatching p = patching(weights, clean, corrupt, options.metric())) {
      return Acdc.run(p, options, progress);
    }
  }

  /** The edge-patching engine of {@code weights} between the two datasets, for {@code metric}. */
  public static EdgePatching patching(Gpt2Weights weights, IoiDataset clean, IoiDataset corrupt,
      DiscoveryMetric metric) {
    IoiPatchSetup setup = IoiPatchSetup.of(weights, clean);
    RowModel rows = setup.rowModel();
    int end = setup.position("END");
    EdgeMetric m = switch (metric) {
      case LOGIT_DIFF -> new EdgeMetric.LogitDiff(setup.labels());
      case KL -> new EdgeMetric.Kl(EdgePatching.cleanLogProbs(rows, setup.baselineTokens(), end));
    };
    return EdgePatching.of(rows, setup.baselineTokens(), setup.tokensOf(corrupt), end, m);
  }
}
