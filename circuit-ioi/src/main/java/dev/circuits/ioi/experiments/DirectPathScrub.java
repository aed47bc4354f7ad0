package dev.circuits.ioi.experiments;

import dev.circuits.core.Circuit;
import dev.circuits.core.eval.Evaluator;
import dev.circuits.core.match.IterativeMatcher;
import dev.circuits.gpt2.model.AttentionPatterns;
import dev.circuits.gpt2.model.Channel;
import dev.circuits.gpt2.model.Gpt2BuildOptions;
import dev.circuits.gpt2.model.Gpt2Circuit;
import dev.circuits.gpt2.model.Gpt2Weights;
import dev.circuits.gpt2.model.LogitDiff;
import dev.circuits.gpt2.model.NodeSpec;
import dev.circuits.ioi.IoiDataset;
import dev.circuits.ioi.scrub.IoiScrubData;
import dev.circuits.scrubbing.Correspondence;
import dev.circuits.scrubbing.Dataset;
import dev.circuits.scrubbing.ExactSampler;
import dev.circuits.scrubbing.Experiment;
import dev.circuits.scrubbing.InterpNode;
import dev.circuits.scrubbing.LabelMode;
import dev.circuits.scrubbing.ScrubOptions;
import dev.circuits.scrubbing.UncondSampler;
import dev.circuits.scrubbing.patching.DirectPaths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;

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

  /** Scrubbed and clean mean logit differences over the same reference prompts. */
  public record Result(double scrubbed, double clean) {
    /** REMIX's "logit diff recovered": scrubbed / clean. */
    public double recovered() {
      return scrubbed / clean;
    }
  }

  /**
   * Scrubs with reference rows = every prompt of {@code ds} (aligned IOI prompts). With
   * {@link LabelMode#REFERENCE} the labels stay the reference prompt's (the metric asks whether the
   * kept paths still produce the reference answer); {@link LabelMode#FOLLOW_SAMPLED} is REMIX's
   * literal behaviour (labels follow the root's resampled prompt). Empty {@code kept}: the root
   * is a leaf with an UncondSampler, so every input is resampled (the random baseline).
   */
  public static Result run(Gpt2Weights weights, IoiDataset ds, List<AttentionPatterns.Head> kept,
      LabelMode labels, long seed, Evaluator evaluator) {
    int end = ds.alignedPosition("END");
    Gpt2Circuit model = Gpt2Circuit.build(weights,
        Gpt2BuildOptions.split(ds.maxLength()).withPositionSplit());
    Circuit ld = LogitDiff.build(model, end);
    Dataset data = IoiScrubData.of(ds).dataset();
    IterativeMatcher root = IterativeMatcher.corrRootMatcher();
    InterpNode logits = new InterpNode("logits",
        kept.isEmpty() ? new UncondSampler() : new ExactSampler());
    Correspondence corr = new Correspondence();
    corr.add(logits, root);
    if (!kept.isEmpty()) {
      List<String> names = new ArrayList<>();
      for (AttentionPatterns.Head h : kept) {
        names.add(NodeSpec.head(h.layer(), h.head(), end).toName());
      }
      corr.add(logits.makeDescendant("kept", new ExactSampler()),
          DirectPaths.extendMatcher(names, true, true, Channel.ALL).extend(root));
    }
    ScrubOptions options = ScrubOptions.defaults().withLabels(labels,
        Set.of(IoiScrubData.LABELS));
    double scrubbed = new Experiment(ld, data, corr, seed).scrub(data, options)
        .evaluate(evaluator).castTo(DataType.DOUBLE).meanNumber().doubleValue();
    double clean = LogitDiffStats.of(weights, ds, evaluator).mean();
    return new Result(scrubbed, clean);
  }
}
