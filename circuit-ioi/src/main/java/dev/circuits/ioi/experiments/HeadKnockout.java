package dev.circuits.ioi.experiments;

import dev.circuits.gpt2.model.Head;
import dev.circuits.gpt2.model.NodeSpec;
import dev.circuits.gpt2.sweep.ForwardRun;
import dev.circuits.gpt2.sweep.HeadOverrides;
import dev.circuits.ioi.IoiDataset;
import java.util.List;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Knocks heads out of an {@link IoiPatchSetup} and returns a setup on the knocked-out model, so
 * that {@link PatchSweep} and {@link IoiPatchSetup#meanLogitDiff} run on it unchanged. The heads'
 * outputs at the given positions are frozen ({@link HeadOverrides}) either at their value on
 * another dataset's prompt (resample ablation) or at their mean over a dataset (mean ablation);
 * path patching leaves frozen heads alone. Example:
 * {@code PatchSweep.run(HeadKnockout.resample(setup, nms, allPositions(setup), abc), flippedIo,
 * Spec.logits(), ev)}.
 */
public final class HeadKnockout {
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
    check(setup, heads, positions);
    HeadOverrides o = setup.overrides();
    ForwardRun run = setup.patchRun(source);
    for (Head h : heads) {
      for (int p : positions) {
        o = o.with(NodeSpec.head(h.layer(), h.head(), p), output(run, h, p));
      }
    }
    return setup.withOverrides(o);
  }

  /**
   * {@code setup} with the outputs of {@code heads} at {@code positions} replaced by their mean
   * over the prompts of {@code over} (a constant: mean ablation).
   */
  public static IoiPatchSetup mean(IoiPatchSetup setup, List<Head> heads,
      List<Integer> positions, IoiDataset over) {
    check(setup, heads, positions);
    int n = setup.baseline().size();
    HeadOverrides o = setup.overrides();
    ForwardRun run = setup.patchRun(over);
    for (Head h : heads) {
      for (int p : positions) {
        INDArray mean = output(run, h, p).mean(0);
        o = o.with(NodeSpec.head(h.layer(), h.head(), p), mean.reshape(1, mean.length())
            .repeat(0, n));
      }
    }
    return setup.withOverrides(o);
  }

  /** Head {@code h}'s output at {@code p} in {@code run}, or zeros past the rows it computed. */
  private static INDArray output(ForwardRun run, Head h, int p) {
    if (p < run.rows()) {
      return run.headOutput(h.layer(), h.head(), p);
    }
    // Rows after END never reach the logit difference; any frozen value will do.
    return org.nd4j.linalg.factory.Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT,
        run.prompts(), run.model().config().nEmbd());
  }

  private static void check(IoiPatchSetup setup, List<Head> heads, List<Integer> positions) {
    if (heads.isEmpty() || positions.isEmpty()) {
      throw new IllegalArgumentException("a knockout needs at least one head "
          + "and one position; got heads " + heads + " at positions " + positions);
    }
    int width = setup.baseline().maxLength();
    int layers = setup.weights().config().nLayer();
    int perLayer = setup.weights().config().nHead();
    for (Head h : heads) {
      if (h.layer() < 0 || h.layer() >= layers || h.head() < 0 || h.head() >= perLayer) {
        throw new IllegalArgumentException("head " + h.layer() + "." + h.head() + " is not in a "
            + layers + " x " + perLayer + " model");
      }
    }
    for (int p : positions) {
      if (p < 0 || p >= width) {
        throw new IllegalArgumentException("position " + p + " is outside the prompts' "
            + width + " tokens");
      }
    }
  }
}
