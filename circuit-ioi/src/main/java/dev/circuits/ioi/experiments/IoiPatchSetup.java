package dev.circuits.ioi.experiments;

import dev.circuits.core.Circuit;
import dev.circuits.core.DiscreteVar;
import dev.circuits.core.eval.Evaluator;
import dev.circuits.core.match.IterativeMatcher;
import dev.circuits.gpt2.model.Gpt2BuildOptions;
import dev.circuits.gpt2.model.Gpt2Circuit;
import dev.circuits.gpt2.model.Gpt2Weights;
import dev.circuits.gpt2.model.LogitDiff;
import dev.circuits.ioi.IoiDataset;
import dev.circuits.ioi.IoiException;
import dev.circuits.scrubbing.patching.PathPatching;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The position-split logit-difference circuit of an aligned IOI dataset (logit(IO) - logit(S) of
 * the baseline's labels at END), ready for path patching against other aligned datasets; build it
 * once and reuse it for every patch of that baseline. Example:
 * {@code IoiPatchSetup.of(w, ds).meanLogitDiff(matcher, ds.flip(Flip.IO), Evaluator.create())}.
 */
public record IoiPatchSetup(Gpt2Weights weights, IoiDataset baseline, Gpt2Circuit model,
    Circuit logitDiff, Circuit group, INDArray baselineTokens) {

  /** Builds the split model over {@code baseline}'s padded width and binds its labels. */
  public static IoiPatchSetup of(Gpt2Weights weights, IoiDataset baseline) {
    Gpt2Circuit model = Gpt2Circuit.build(weights,
        Gpt2BuildOptions.split(baseline.maxLength()).withPositionSplit());
    Circuit group = DiscreteVar.uniformProbsAndGroup(baseline.size());
    Circuit ld = LogitDiff.bindLabels(LogitDiff.build(model, baseline.alignedPosition("END")),
        PatchSweep.labels(baseline), group);
    return new IoiPatchSetup(weights, baseline, model, ld, group,
        LogitDiffStats.tokens(baseline));
  }

  /**
   * This setup with its logit-difference circuit replaced by {@code transform} of it (e.g. a
   * knockout, see {@link HeadKnockout}); sweeps on the result run on the transformed model.
   */
  public IoiPatchSetup withLogitDiff(java.util.function.UnaryOperator<Circuit> transform) {
    return new IoiPatchSetup(weights, baseline, model, transform.apply(logitDiff), group,
        baselineTokens);
  }

  /** The aligned position of word role {@code key} (END, S2, IO, ...) in the baseline. */
  public int position(String key) {
    return baseline.alignedPosition(key);
  }

  /** {@code patch}'s tokens, checked to align with the baseline (same N and width). */
  public INDArray tokensOf(IoiDataset patch) {
    if (patch.maxLength() != baseline.maxLength() || patch.size() != baseline.size()) {
      throw new IoiException(IoiException.Kind.UNALIGNED, "patch dataset has " + patch.size()
          + " prompts of " + patch.maxLength() + " tokens; the baseline has " + baseline.size()
          + " of " + baseline.maxLength() + " (they must match)");
    }
    return LogitDiffStats.tokens(patch);
  }

  /**
   * Per-prompt logit difference [N] when the inputs under {@code patchedPaths} come from
   * {@code patch} and every other input from the baseline.
   */
  public INDArray perPrompt(IterativeMatcher patchedPaths, IoiDataset patch, Evaluator evaluator) {
    return pathPatched(patchedPaths, patch).logitDiff(evaluator);
  }

  /**
   * The path-patched circuit (inputs under {@code patchedPaths} from {@code patch}, the rest from
   * the baseline), unevaluated, to read the logit difference or inner nodes from.
   */
  public PatchedRun pathPatched(IterativeMatcher patchedPaths, IoiDataset patch) {
    return new PatchedRun(this, PathPatching.pathPatching(logitDiff, baselineTokens,
        tokensOf(patch), patchedPaths, group));
  }

  /** Mean of {@link #perPrompt}. */
  public double meanLogitDiff(IterativeMatcher patchedPaths, IoiDataset patch,
      Evaluator evaluator) {
    return perPrompt(patchedPaths, patch, evaluator).meanNumber().doubleValue();
  }

  /** The unpatched mean logit difference. */
  public double reference(Evaluator evaluator) {
    return meanLogitDiff(IterativeMatcher.term(), baseline, evaluator);
  }
}
