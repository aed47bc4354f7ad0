package dev.circuits.ioi.experiments;

import dev.circuits.core.Circuit;
import dev.circuits.core.eval.Evaluator;
import dev.circuits.core.match.IterativeMatcher;
import dev.circuits.gpt2.model.Channel;
import dev.circuits.gpt2.model.DirectPaths;
import dev.circuits.gpt2.model.Gpt2BuildOptions;
import dev.circuits.gpt2.model.Gpt2Circuit;
import dev.circuits.gpt2.model.Gpt2Weights;
import dev.circuits.gpt2.model.Head;
import dev.circuits.gpt2.model.LogitDiff;
import dev.circuits.gpt2.model.NodeSpec;
import dev.circuits.ioi.IoiDataset;
import dev.circuits.ioi.scrub.IoiScrubData;
import dev.circuits.scrubbing.Correspondence;
import dev.circuits.scrubbing.Dataset;
import dev.circuits.scrubbing.Experiment;
import dev.circuits.scrubbing.LabelMode;
import dev.circuits.scrubbing.ScrubOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Causal scrubbing of the IOI logit difference at END under any {@link Correspondence} on the
 * position-split model: the shared plumbing of {@link DirectPathScrub} and {@link HypothesisFile}.
 * Reference rows are every prompt of the (aligned) dataset. Example:
 * {@code LogitDiffScrub.of(w, ds).run(corr, LabelMode.REFERENCE, 1, Evaluator.create()).recovered()}.
 */
public final class LogitDiffScrub {
  /** Scrubbed and clean mean logit differences over the same reference prompts. */
  public record Result(double scrubbed, double clean) {
    /** REMIX's "logit diff recovered": scrubbed / clean. */
    public double recovered() {
      return scrubbed / clean;
    }
  }

  private final Gpt2Weights weights;
  private final IoiDataset ds;
  private final IoiScrubData data;
  private final Circuit logitDiff;

  private LogitDiffScrub(Gpt2Weights weights, IoiDataset ds) {
    this.weights = weights;
    this.ds = ds;
    this.data = IoiScrubData.of(ds);
    Gpt2Circuit model = Gpt2Circuit.build(weights,
        Gpt2BuildOptions.split(ds.maxLength()).withPositionSplit());
    this.logitDiff = LogitDiff.build(model, ds.alignedPosition("END"));
  }

  /** The scrub of {@code weights}' logit difference on the aligned prompts of {@code ds}. */
  public static LogitDiffScrub of(Gpt2Weights weights, IoiDataset ds) {
    return new LogitDiffScrub(weights, ds);
  }

  /** The model's weights. */
  public Gpt2Weights weights() {
    return weights;
  }

  /** The IOI dataset (reference rows). */
  public IoiDataset dataset() {
    return ds;
  }

  /** The scrubbing data built from the dataset (for on-the-fly samplers). */
  public IoiScrubData data() {
    return data;
  }

  /**
   * REMIX's {@code extend_matcher(heads at position, term_if_matches=True, restrict=True)} from
   * {@code parent}: the direct paths from {@code heads} at token {@code position} to what
   * {@code parent} matches.
   */
  public static IterativeMatcher directPaths(IterativeMatcher parent,
      List<Head> heads, int position) {
    List<String> names = new ArrayList<>();
    for (Head h : heads) {
      names.add(NodeSpec.head(h.layer(), h.head(), position).toName());
    }
    return DirectPaths.extendMatcher(names, true, true, Channel.ALL).extend(parent);
  }

  /**
   * Scrubs under {@code corr} with {@code seed}. With {@link LabelMode#REFERENCE} the labels stay
   * the reference prompt's; {@link LabelMode#FOLLOW_SAMPLED} is REMIX's literal behaviour.
   */
  public Result run(Correspondence corr, LabelMode labels, long seed, Evaluator evaluator) {
    Dataset scrubData = data.dataset();
    ScrubOptions options = ScrubOptions.defaults().withLabels(labels,
        Set.of(IoiScrubData.LABELS));
    double scrubbed = new Experiment(logitDiff, scrubData, corr, seed).scrub(scrubData, options)
        .evaluate(evaluator).castTo(DataType.DOUBLE).meanNumber().doubleValue();
    double clean = LogitDiffStats.of(weights, ds, evaluator).mean();
    return new Result(scrubbed, clean);
  }
}
