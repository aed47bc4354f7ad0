package dev.circuits.ioi.experiments;

import dev.circuits.core.eval.Evaluator;
import dev.circuits.core.match.IterativeMatcher;
import dev.circuits.core.match.Matcher;
import dev.circuits.gpt2.model.Channel;
import dev.circuits.gpt2.model.DirectPaths;
import dev.circuits.gpt2.model.Gpt2Config;
import dev.circuits.gpt2.model.Gpt2Weights;
import dev.circuits.gpt2.model.Head;
import dev.circuits.gpt2.model.NodeSpec;
import dev.circuits.gpt2.sweep.PathSweep;
import dev.circuits.gpt2.sweep.SweepSpec;
import dev.circuits.ioi.IoiDataset;
import dev.circuits.scrubbing.patching.IterativePathPatching;
import dev.circuits.scrubbing.patching.PathPatching;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * REMIX's layer-by-component path-patching sweep on two aligned IOI datasets: for every head and
 * MLP of every layer at the sender position, patch the direct paths from it to the receivers
 * (the logits, or a group of heads through one channel) with the patch dataset's run, and report
 * the mean change of logit(IO) - logit(S) (the baseline's labels) at END. Receivers are matched
 * wherever they occur, so everything downstream of them is recomputed (as in the IOI paper's
 * path patching); the paths from senders to receivers are direct (no head or MLP in between).
 * The {@link Engine#FAST} engine (the default) computes this from two cached forward runs;
 * {@link Engine#GENERIC} evaluates the patched circuits. Example:
 * {@code PatchSweep.run(w, base, flippedIo, PatchSweep.Spec.logits(), Evaluator.create())}.
 */
public final class PatchSweep {
  private static final Pattern DOTTED = Pattern.compile("^(\\d{1,9})\\.(\\d{1,9})$");
  private static final Pattern NODE = Pattern.compile("^a(\\d{1,9})\\.h(\\d{1,9})$");

  private PatchSweep() {}

  /**
   * What to sweep: {@code receivers} (empty: the logits) at word position
   * {@code receiverPosition}, entered through {@code channel}; senders at {@code senderPosition}
   * (word_idx keys such as END, S2, IO).
   */
  public record Spec(List<Head> receivers, Channel channel,
      String receiverPosition, String senderPosition) {
    /** Copies the receivers. */
    public Spec {
      receivers = List.copyOf(receivers);
    }

    /** The direct effect on the logits of every component at END. */
    public static Spec logits() {
      return new Spec(List.of(), Channel.ALL, "END", "END");
    }

    /** Paths from senders at {@code senderPosition} into {@code receivers} at END via {@code channel}. */
    public static Spec into(List<Head> receivers, Channel channel,
        String senderPosition) {
      return new Spec(receivers, channel, "END", senderPosition);
    }
  }

  /** Parses a head name: {@code a3.h0} or {@code 3.0}. */
  public static Head parseHead(String name) {
    String s = name.trim();
    java.util.regex.Matcher m = DOTTED.matcher(s);
    if (!m.matches()) {
      m = NODE.matcher(s);
    }
    if (!m.matches()) {
      throw new IllegalArgumentException("'" + name + "' is not a head name (expected L.H such as "
          + "9.9, or aL.hH such as a9.h9)");
    }
    return new Head(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
  }

  /** Which engine computes a sweep (both give the same numbers to float tolerance). */
  public enum Engine {
    /**
     * Two cached forward runs, then per sender only what its path changes, all senders batched
     * ({@link PathSweep}): a few forward passes per sweep.
     */
    FAST,
    /**
     * The generic path-sensitive engine on the position-split circuit
     * ({@link IterativePathPatching}): one patched circuit per sender, shared subtrees evaluated
     * once. The reference the fast engine is tested against.
     */
    GENERIC
  }

  /** Runs the sweep of {@code spec} with {@code baseline} as the clean run and {@code patch} as the patch. */
  public static SweepMatrix run(Gpt2Weights weights, IoiDataset baseline, IoiDataset patch,
      Spec spec, Evaluator evaluator) {
    return run(IoiPatchSetup.of(weights, baseline), patch, spec, evaluator);
  }

  /** Runs the sweep of {@code spec} on a prepared baseline (reuse it across sweeps), fast. */
  public static SweepMatrix run(IoiPatchSetup setup, IoiDataset patch, Spec spec,
      Evaluator evaluator) {
    return run(setup, patch, spec, evaluator, Engine.FAST);
  }

  /** Runs the sweep of {@code spec} on a prepared baseline with the chosen engine. */
  public static SweepMatrix run(IoiPatchSetup setup, IoiDataset patch, Spec spec,
      Evaluator evaluator, Engine engine) {
    long start = System.nanoTime();
    Gpt2Config cfg = setup.weights().config();
    checkReceivers(spec, cfg);
    int receiverPos = setup.position(spec.receiverPosition());
    int senderPos = setup.position(spec.senderPosition());
    INDArray values;
    double reference;
    if (engine == Engine.FAST) {
      SweepSpec s = new SweepSpec(spec.receivers(), spec.channel(), receiverPos, senderPos,
          setup.position("END"));
      PathSweep.Result r = PathSweep.run(setup.baseRun(), setup.patchRun(patch), s,
          setup.labels());
      values = r.values().castTo(DataType.DOUBLE);
      reference = r.baseline().castTo(DataType.DOUBLE).meanNumber().doubleValue();
    } else {
      values = generic(setup, patch, spec, receiverPos, senderPos, evaluator);
      reference = setup.meanLogitDiff(IterativeMatcher.term(), setup.baseline(), evaluator);
    }
    return matrix(cfg, values.mean(1), reference, (System.nanoTime() - start) / 1e9);
  }

  /**
   * Checks that every receiver is a head of a model of {@code config}'s shape (the generic engine
   * would silently find nothing for a head that does not exist).
   */
  public static void checkReceivers(Spec spec, Gpt2Config config) {
    for (Head h : spec.receivers()) {
      if (h.layer() < 0 || h.layer() >= config.nLayer() || h.head() < 0
          || h.head() >= config.nHead()) {
        throw new IllegalArgumentException("receiver " + h.layer() + "." + h.head()
            + " is not a head of this model (" + config.nLayer() + " layers of " + config.nHead()
            + " heads: layers 0.." + (config.nLayer() - 1) + ", heads 0.."
            + (config.nHead() - 1) + ")");
      }
    }
  }

  private static INDArray generic(IoiPatchSetup setup, IoiDataset patch, Spec spec,
      int receiverPos, int senderPos, Evaluator evaluator) {
    Gpt2Config cfg = setup.weights().config();
    Function<String, IterativeMatcher> hypothesis;
    List<String> receivers = new ArrayList<>();
    if (spec.receivers().isEmpty()) {
      hypothesis = n -> IterativeMatcher.corrRootMatcher();
      receivers.add("root");
    } else {
      hypothesis = Matcher::named;
      for (Head h : spec.receivers()) {
        receivers.add(NodeSpec.head(h.layer(), h.head(), receiverPos).toName());
      }
    }
    return IterativePathPatching.run(setup.logitDiff(), hypothesis, receivers,
        setup.baselineTokens(), setup.tokensOf(patch), setup.group(),
        DirectPaths.senderSweep(cfg.nLayer(), cfg.nHead(), senderPos, spec.channel()),
        PathPatching.DEFAULT_INPUT, evaluator).values().castTo(DataType.DOUBLE);
  }

  /** The [layer x component] matrix of mean changes ({@code means} in sweep order). */
  private static SweepMatrix matrix(Gpt2Config cfg, INDArray means, double reference,
      double seconds) {
    int cols = cfg.nHead() + 1;
    double[][] matrix = new double[cfg.nLayer()][cols];
    List<String> rows = new ArrayList<>();
    List<String> colLabels = new ArrayList<>();
    for (NodeSpec s : NodeSpec.sweep(1, cfg.nHead(), 0)) {
      colLabels.add(s.columnLabel());
    }
    for (int l = 0; l < cfg.nLayer(); l++) {
      rows.add(String.valueOf(l));
      for (int c = 0; c < cols; c++) {
        matrix[l][c] = means.getDouble((long) l * cols + c) - reference;
      }
    }
    return new SweepMatrix(rows, colLabels, matrix, reference, seconds);
  }
}
