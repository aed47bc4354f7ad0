package dev.circuits.ioi.experiments;

import dev.circuits.core.Array;
import dev.circuits.core.Circuit;
import dev.circuits.core.Concat;
import dev.circuits.core.DiscreteVar;
import dev.circuits.core.eval.Evaluator;
import dev.circuits.core.match.IterativeMatcher;
import dev.circuits.core.match.Matcher;
import dev.circuits.core.match.Updater;
import dev.circuits.core.sample.Sampler;
import dev.circuits.gpt2.model.AttentionPatterns.Head;
import dev.circuits.gpt2.model.NodeSpec;
import dev.circuits.ioi.IoiDataset;
import dev.circuits.scrubbing.patching.PathPatching;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Knocks heads out of an {@link IoiPatchSetup}'s logit-difference circuit and returns a setup on
 * the knocked-out model, so that {@link PatchSweep} and {@link IoiPatchSetup#meanLogitDiff} run
 * on it unchanged. The heads' position nodes ({@code a{l}_h{h}_t{p}}) are replaced either by
 * their value on another dataset's prompt (resample ablation) or by their mean over a dataset;
 * later path patching of {@code tokens} leaves them alone because the knocked-out inputs are no
 * longer named {@code tokens}. Example:
 * {@code PatchSweep.run(HeadKnockout.resample(setup, nms, allPositions(setup), abc), flippedIo,
 * Spec.logits(), ev)}.
 */
public final class HeadKnockout {
  /** The name of the input that feeds resample-ablated heads. */
  public static final String KNOCKOUT_INPUT = "tokens_knockout";

  private HeadKnockout() {}

  /** Every aligned position of the baseline. */
  public static List<Integer> allPositions(IoiPatchSetup setup) {
    return IntStream.range(0, setup.baseline().maxLength()).boxed().toList();
  }

  /**
   * {@code setup} with the outputs of {@code heads} at {@code positions} computed on prompt i of
   * {@code source} when the baseline runs prompt i (activation patching from {@code source}).
   */
  public static IoiPatchSetup resample(IoiPatchSetup setup, List<Head> heads,
      List<Integer> positions, IoiDataset source) {
    List<String> names = nodeNames(setup, heads, positions);
    DiscreteVar var = DiscreteVar.of(Array.wrap(setup.tokensOf(source).dup('c'),
        KNOCKOUT_INPUT + "_array"), setup.group(), KNOCKOUT_INPUT);
    IterativeMatcher under = Matcher.namedAnyOf(names).chain(Matcher.named(
        PathPatching.DEFAULT_INPUT));
    return setup.withLogitDiff(ld -> new Updater(x -> var).update(ld, under));
  }

  /**
   * {@code setup} with the outputs of {@code heads} at {@code positions} replaced by their mean
   * over the prompts of {@code over} (a constant: mean ablation).
   */
  public static IoiPatchSetup mean(IoiPatchSetup setup, List<Head> heads,
      List<Integer> positions, IoiDataset over, Evaluator evaluator) {
    List<String> names = nodeNames(setup, heads, positions);
    List<Circuit> nodes = new ArrayList<>();
    for (String n : names) {
      nodes.add(Matcher.named(n).getFirst(setup.logitDiff()).orElseThrow());
    }
    Circuit stacked = PathPatching.replaceInputs(Concat.stack(nodes, 0, "knockout_nodes"),
        setup.tokensOf(over), PathPatching.DEFAULT_INPUT, IterativeMatcher.corrRootMatcher(),
        setup.group(), "_mean_source");
    INDArray means = evaluator.evaluate(Sampler.runAll(setup.group()).sample(stacked)).mean(0);
    Map<String, Circuit> constants = new HashMap<>();
    for (int i = 0; i < names.size(); i++) {
      constants.put(names.get(i), Array.of(means.get(NDArrayIndex.point(i)).reshape(
          nodes.get(i).shape().toArray()), names.get(i)));
    }
    return setup.withLogitDiff(ld -> new Updater(x -> constants.get(x.name()))
        .update(ld, Matcher.namedAnyOf(names)));
  }

  private static List<String> nodeNames(IoiPatchSetup setup, List<Head> heads,
      List<Integer> positions) {
    if (heads.isEmpty() || positions.isEmpty()) {
      throw new IllegalArgumentException("a knockout needs at least one head "
          + "and one position; got heads " + heads + " at positions " + positions);
    }
    int width = setup.baseline().maxLength();
    int layers = setup.weights().config().nLayer();
    int perLayer = setup.weights().config().nHead();
    List<String> out = new ArrayList<>();
    for (Head h : heads) {
      if (h.layer() < 0 || h.layer() >= layers || h.head() < 0 || h.head() >= perLayer) {
        throw new IllegalArgumentException("head " + h.layer() + "." + h.head() + " is not in a "
            + layers + " x " + perLayer + " model");
      }
      for (int p : positions) {
        if (p < 0 || p >= width) {
          throw new IllegalArgumentException("position " + p + " is outside the prompts' "
              + width + " tokens");
        }
        out.add(NodeSpec.head(h.layer(), h.head(), p).toName());
      }
    }
    return out;
  }
}
