package dev.circuits.ioi.claims;

import dev.circuits.gpt2.model.Head;
import dev.circuits.gpt2.model.NodeSpec;
import dev.circuits.gpt2.sweep.ForwardRun;
import dev.circuits.ioi.experiments.IoiPatchSetup;
import java.util.List;

/**
 * Activation patching of head outputs at one word position: every path through the heads'
 * output rows at that position runs on the patch dataset, everything else on the baseline.
 */
public final class OutputPatch {
  private OutputPatch() {}

  /**
   * The mean change of the logit difference when the outputs of {@code heads} at word position
   * {@code position} (S2, END, ...) come from patch dataset {@code patchName} (memoised).
   */
  public static double change(ClaimContext ctx, List<Head> heads, String position,
      String patchName) {
    if (heads.isEmpty()) {
      return 0;
    }
    return ctx.memo("output patch " + heads + " " + position + " " + patchName, () -> {
      IoiPatchSetup setup = ctx.setup();
      int pos = setup.position(position);
      List<NodeSpec> sites = heads.stream()
          .map(h -> NodeSpec.head(h.layer(), h.head(), pos)).toList();
      try (ForwardRun run = setup.activationPatched(sites, ctx.patch(patchName))) {
        return run.logitDiff(setup.labels(), setup.position("END")).meanNumber().doubleValue()
            - setup.reference();
      }
    });
  }
}
