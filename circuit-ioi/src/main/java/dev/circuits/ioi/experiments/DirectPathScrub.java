package dev.circuits.ioi.experiments;

import dev.circuits.core.eval.Evaluator;
import dev.circuits.core.match.IterativeMatcher;
import dev.circuits.gpt2.model.Gpt2Weights;
import dev.circuits.gpt2.model.Head;
import dev.circuits.gpt2.sweep.ForwardRun;
import dev.circuits.ioi.IoiDataset;
import dev.circuits.ioi.scrub.IoiScrubData;
import dev.circuits.scrubbing.Correspondence;
import dev.circuits.scrubbing.Dataset;
import dev.circuits.scrubbing.ExactSampler;
import dev.circuits.scrubbing.Experiment;
import dev.circuits.scrubbing.InterpNode;
import dev.circuits.scrubbing.LabelMode;
import dev.circuits.scrubbing.SampledInputs;
import dev.circuits.scrubbing.UncondSampler;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

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
      List<Head> kept, LabelMode labels, long seed, Evaluator evaluator) {
    return LogitDiffScrub.of(weights, ds).run(correspondence(ds, kept), labels, seed, evaluator);
  }

  /**
   * The same scrub computed from forward runs instead of the scrubbed circuit: the root's sample
   * x' everywhere, except that each kept head's output at END reaches the logits as it is on the
   * kept node's sample x (the hypothesis is direct paths only, so nothing else changes). The
   * samples are drawn exactly as {@link #run} draws them (same seed, same sampler calls).
   */
  public static LogitDiffScrub.Result runFast(IoiPatchSetup setup,
      List<Head> kept, LabelMode labels, long seed) {
    IoiDataset ds = setup.baseline();
    Dataset data = IoiScrubData.of(ds).dataset();
    Correspondence corr = correspondence(ds, kept);
    SampledInputs sampled = Experiment.sample(data, corr, seed, data);
    InterpNode root = corr.getRoot();
    Dataset other = sampled.get(root);
    ForwardRun rest = setup.runOfRows(other.values(IoiScrubData.TOKENS));
    INDArray ioS = (labels == LabelMode.FOLLOW_SAMPLED ? other : data)
        .values(IoiScrubData.LABELS);
    int end = setup.position("END");
    INDArray change = Nd4j.zeros(DataType.FLOAT, ds.size(), setup.weights().config().nEmbd());
    if (!kept.isEmpty()) {
      try (ForwardRun keptRun = setup.runOfRows(sampled.get(root.children().get(0))
          .values(IoiScrubData.TOKENS))) {
        for (Head h : kept) {
          change.addi(keptRun.headOutput(h.layer(), h.head(), end))
              .subi(rest.headOutput(h.layer(), h.head(), end));
        }
      }
    }
    double scrubbed = rest.logitDiffPlus(ioS, end, change).meanNumber().doubleValue();
    rest.close();
    return new LogitDiffScrub.Result(scrubbed, setup.reference());
  }

  /** The hypothesis as a correspondence: root {@code logits}, leaf {@code kept} (if any heads). */
  public static Correspondence correspondence(IoiDataset ds, List<Head> kept) {
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
