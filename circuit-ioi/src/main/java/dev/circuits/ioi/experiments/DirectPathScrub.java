package dev.circuits.ioi.experiments;

import dev.circuits.core.eval.Evaluator;
import dev.circuits.core.match.IterativeMatcher;
import dev.circuits.gpt2.model.AttentionPatterns;
import dev.circuits.gpt2.model.Gpt2Weights;
import dev.circuits.ioi.IoiDataset;
import dev.circuits.scrubbing.Correspondence;
import dev.circuits.scrubbing.ExactSampler;
import dev.circuits.scrubbing.InterpNode;
import dev.circuits.scrubbing.LabelMode;
import dev.circuits.scrubbing.UncondSampler;
import java.util.List;

/**
 * REMIX's one day-5 causal-scrubbing hypothesis (spec remix-ioi.md §6.2): "only the direct paths
 * from these heads at END to the logits matter". Root {@code logits} (ExactSampler, other inputs
 * resampled uniformly) with one leaf {@code kept} (ExactSampler) on
 * {@code extend_matcher(heads, term_if_matches=True, restrict=True)}: token instances under the
 * kept heads' direct paths get the reference prompt, every other instance another random prompt.
 * The recovered fraction is REMIX's {@code mean(scrubbed) / mean(clean)}. Example:
 * {@code DirectPathScrub.run(w, ds, nameMovers, LabelMode.REFERENCE, 0, ev).recovered()}.
 */
public final class DirectPathScrub {
  private DirectPathScrub() {}

  /**
   * Scrubs with reference rows = every prompt of {@code ds} (aligned IOI prompts). With
   * {@link LabelMode#REFERENCE} the labels stay the reference prompt's (the metric asks whether the
   * kept paths still produce the reference answer); {@link LabelMode#FOLLOW_SAMPLED} is REMIX's
   * literal behaviour (labels follow the root's resampled prompt). Empty {@code kept}: the root
   * is a leaf with an UncondSampler, so every input is resampled (the random baseline).
   */
  public static LogitDiffScrub.Result run(Gpt2Weights weights, IoiDataset ds,
      List<AttentionPatterns.Head> kept, LabelMode labels, long seed, Evaluator evaluator) {
    return LogitDiffScrub.of(weights, ds).run(correspondence(ds, kept), labels, seed, evaluator);
  }

  /** The hypothesis as a correspondence: root {@code logits}, leaf {@code kept} (if any heads). */
  public static Correspondence correspondence(IoiDataset ds, List<AttentionPatterns.Head> kept) {
    IterativeMatcher root = IterativeMatcher.corrRootMatcher();
    InterpNode logits = new InterpNode("logits",
        kept.isEmpty() ? new UncondSampler() : new ExactSampler());
    Correspondence corr = new Correspondence();
    corr.add(logits, root);
    if (!kept.isEmpty()) {
      corr.add(logits.makeDescendant("kept", new ExactSampler()),
          LogitDiffScrub.directPaths(root, kept, ds.alignedPosition("END")));
    }
    return corr;
  }
}
