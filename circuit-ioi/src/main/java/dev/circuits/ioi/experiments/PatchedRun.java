package dev.circuits.ioi.experiments;

import dev.circuits.core.Circuit;
import dev.circuits.core.eval.Evaluator;
import dev.circuits.core.match.Getter;
import dev.circuits.core.match.IterativeMatcher;
import dev.circuits.core.sample.Sampler;
import dev.circuits.core.CircuitException;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A patched logit-difference circuit of an {@link IoiPatchSetup}'s baseline, its inputs bound to
 * the dataset group but not yet sampled, so that the logit difference and any inner node (an
 * attention pattern, a head's output) can be read per prompt under the same patch. Example:
 * {@code setup.pathPatched(keyPaths, flippedIo).node(attnProbs, ev)}.
 */
public record PatchedRun(IoiPatchSetup setup, Circuit circuit) {

  /** Per-prompt logit difference [N]. */
  public INDArray logitDiff(Evaluator evaluator) {
    return evaluate(circuit, evaluator);
  }

  /** Mean of {@link #logitDiff}. */
  public double meanLogitDiff(Evaluator evaluator) {
    return logitDiff(evaluator).meanNumber().doubleValue();
  }

  /**
   * Per-prompt values [N, ...] of the one node {@code node} finds in the patched circuit (match it
   * along the paths whose instance you want, e.g. a head's direct path to the logits).
   */
  public INDArray node(IterativeMatcher node, Evaluator evaluator) {
    Set<Circuit> found = new Getter().get(circuit, node);
    if (found.size() != 1) {
      throw new CircuitException("expected exactly one node for "
          + node + " in the patched circuit, found " + found.size());
    }
    return evaluate(found.iterator().next(), evaluator);
  }

  private INDArray evaluate(Circuit c, Evaluator evaluator) {
    return evaluator.evaluate(Sampler.runAll(setup.group()).sample(c)).castTo(DataType.DOUBLE);
  }
}
