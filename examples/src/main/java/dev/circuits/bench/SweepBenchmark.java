package dev.circuits.bench;

import dev.circuits.core.Circuit;
import dev.circuits.core.eval.Evaluator;
import dev.circuits.core.match.Extender;
import dev.circuits.core.match.IterativeMatcher;
import dev.circuits.core.match.Matcher;
import dev.circuits.gpt2.model.Channel;
import dev.circuits.gpt2.model.DirectPaths;
import dev.circuits.gpt2.model.Gpt2Config;
import dev.circuits.gpt2.model.Gpt2Weights;
import dev.circuits.gpt2.model.Head;
import dev.circuits.gpt2.model.NodeSpec;
import dev.circuits.gpt2.sweep.ForwardRun;
import dev.circuits.gpt2.sweep.HeadOverrides;
import dev.circuits.gpt2.sweep.PathSweep;
import dev.circuits.gpt2.sweep.SweepSpec;
import dev.circuits.ioi.IoiDataset;
import dev.circuits.ioi.IoiTokenizers;
import dev.circuits.ioi.PatchDataset;
import dev.circuits.ioi.RemixDatasets;
import dev.circuits.ioi.experiments.IoiPatchSetup;
import dev.circuits.scrubbing.patching.IterativePathPatching;
import dev.circuits.scrubbing.patching.PathPatching;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Times one path-patching sweep on REMIX's IOI prompts (N = 50, 16 tokens) two ways: the fast
 * engine from scratch (baseline and patch forward runs, then every sender batched) and naively
 * (each sender's path-patched circuit evaluated on its own by the generic engine, no shared
 * cache: at least one forward pass each, as TransformerLens-style patching costs). Checks they
 * agree, prints both, the fast time in forward passes of the same model and batch, and a last
 * line {@code ratio: X} (naive / fast). The sweep kinds are the claims': the direct effect on the
 * logits, the name movers' queries at END, their keys at IO, the S-inhibition heads' values at S2.
 */
public final class SweepBenchmark {
  /** Prompts per sweep. */
  public static final int PROMPTS = 50;
  private static final double AGREEMENT = 1e-3;

  private SweepBenchmark() {}

  /** Which sweep to time. */
  public enum Kind {
    /** Every component at END straight into the logits, patched from flipped IO. */
    LOGITS(Channel.ALL, "END", "flipped-io"),
    /** Senders at END into the name movers' queries, patched from ABC. */
    Q(Channel.Q, "END", "abc"),
    /** Senders at IO into the name movers' keys, patched from flipped IO. */
    K(Channel.K, "IO", "flipped-io"),
    /** Senders at S2 into the S-inhibition heads' values, patched from ABC. */
    V(Channel.V, "S2", "abc");

    private final Channel channel;
    private final String senderRole;
    private final String patch;

    Kind(Channel channel, String senderRole, String patch) {
      this.channel = channel;
      this.senderRole = senderRole;
      this.patch = patch;
    }
  }

  /**
   * Options: the sweep kind, how many senders to evaluate naively (spread over the layers and
   * extrapolated; 0 = all of them).
   */
  public record Options(Kind kind, int naiveSample) {}

  /** Runs the benchmark on {@code weights}; prints to {@code out} and returns the report. */
  public static String run(PrintStream out, Gpt2Weights weights, Options o) {
    Report report = new Report(out);
    Gpt2Config cfg = weights.config();
    RemixDatasets ds = RemixDatasets.build(IoiTokenizers.gpt2(), PROMPTS);
    IoiDataset base = ds.ioi();
    IoiDataset patch = PatchDataset.parse(o.kind().patch).of(ds);
    List<Head> receivers = receivers(o.kind(), cfg);
    IoiPatchSetup setup = IoiPatchSetup.of(weights, base);
    int end = setup.position("END");
    int senderRow = setup.position(o.kind().senderRole);
    List<NodeSpec> senders = NodeSpec.sweep(cfg.nLayer(), cfg.nHead(), senderRow);
    report.line("sweep %s: senders at %s (%d) into %s via %s, patch %s; %d layers x %d heads "
        + "(d=%d), N=%d, T=%d", o.kind().name().toLowerCase(Locale.ROOT), o.kind().senderRole,
        senders.size(), receivers.isEmpty() ? "the logits" : labels(receivers) + " at END",
        o.kind().channel, o.kind().patch, cfg.nLayer(), cfg.nHead(), cfg.nEmbd(), PROMPTS,
        base.maxLength());

    long t0 = System.nanoTime();
    setup.rowModel();
    Circuit ld = setup.logitDiff();
    ld.hash(); // hashing the weights (blake3 over every tensor) is set-up, once per model
    report.line("set-up (row engine weights, circuit and its hash): %.1f s", seconds(t0));

    double forward = ForwardBenchmark.medianForwardSeconds(weights, PROMPTS, base.maxLength(), 3);
    report.line("one forward pass of this model and batch (evaluator, fused): %.3f s", forward);

    t0 = System.nanoTime();
    SweepSpec spec = new SweepSpec(receivers, o.kind().channel, end, senderRow, end);
    PathSweep.Result fast = PathSweep.run(setup.run(setup.baselineTokens()),
        ForwardRun.of(setup.rowModel(), setup.tokensOf(patch), end, HeadOverrides.none(),
            spec.patchLayers(cfg.nLayer())), spec, setup.labels());
    double fastSeconds = seconds(t0);
    report.line("ours: %.2f s = %.1f forward passes (fast engine from scratch: the baseline run, "
        + "the patch run up to the deepest receiver, then all senders batched)", fastSeconds,
        fastSeconds / forward);

    List<Extender> extenders = DirectPaths.senderSweep(cfg.nLayer(), cfg.nHead(), senderRow,
        o.kind().channel);
    Function<String, IterativeMatcher> hypothesis = receivers.isEmpty()
        ? n -> IterativeMatcher.corrRootMatcher() : Matcher::named;
    List<String> names = receivers.isEmpty() ? List.of("root")
        : receivers.stream().map(h -> NodeSpec.head(h.layer(), h.head(), end).toName()).toList();
    List<Integer> sample = sample(senders.size(), cfg.nLayer(), o.naiveSample());
    double naiveTotal = 0;
    double maxDiff = 0;
    for (int i : sample) {
      long start = System.nanoTime();
      INDArray v = IterativePathPatching.run(ld, hypothesis, names, setup.baselineTokens(),
          setup.tokensOf(patch), setup.group(), List.of(extenders.get(i)),
          PathPatching.DEFAULT_INPUT, Evaluator.builder().memoryBudgetBytes(0).build()).values();
      naiveTotal += seconds(start);
      INDArray mine = fast.values().get(NDArrayIndex.point(i));
      maxDiff = Math.max(maxDiff, mine.castTo(DataType.DOUBLE)
          .sub(v.reshape(mine.length()).castTo(DataType.DOUBLE)).amaxNumber().doubleValue());
    }
    double naive = naiveTotal / sample.size() * senders.size();
    report.line("naive: %.2f s per sender (mean of %d spread over the layers, one independent "
        + "evaluation each, no shared cache) -> %.1f s for %d senders%s", naiveTotal
        / sample.size(), sample.size(), naive, senders.size(),
        sample.size() == senders.size() ? "" : " (extrapolated)");
    report.line("max |ours - naive| = %.2e over %d senders x %d prompts", maxDiff, sample.size(),
        PROMPTS);
    if (!(maxDiff <= AGREEMENT)) {
      throw new IllegalStateException("the fast sweep disagrees with naive path patching: max "
          + "|diff| " + maxDiff + " > " + AGREEMENT);
    }
    report.line("ratio: %.1f", naive / fastSeconds);
    return report.text();
  }

  /** The claims' receivers: none, the name movers, or the S-inhibition heads (paper or scaled). */
  static List<Head> receivers(Kind kind, Gpt2Config cfg) {
    boolean small = cfg.nLayer() == 12 && cfg.nHead() == 12;
    int l = cfg.nLayer();
    int h = cfg.nHead();
    return switch (kind) {
      case LOGITS -> List.of();
      case Q, K -> small ? List.of(new Head(9, 6), new Head(9, 9), new Head(10, 0))
          : List.of(new Head(l - 1, 0), new Head(l - 1, Math.min(1, h - 1)));
      case V -> small ? List.of(new Head(7, 3), new Head(7, 9), new Head(8, 6), new Head(8, 10))
          : List.of(new Head(Math.max(0, l - 2), 0));
    };
  }

  /** Sender indices for the naive run: all, or {@code wanted} spread over the layers. */
  static List<Integer> sample(int count, int layers, int wanted) {
    List<Integer> out = new ArrayList<>();
    if (wanted <= 0 || wanted >= count) {
      for (int i = 0; i < count; i++) {
        out.add(i);
      }
      return out;
    }
    int perLayer = count / layers;
    for (int k = 0; k < wanted; k++) {
      int layer = (int) ((long) k * layers / wanted);
      out.add(layer * perLayer + (k * 5) % perLayer);
    }
    return out;
  }

  private static String labels(List<Head> heads) {
    return String.join(",", heads.stream().map(x -> x.layer() + "." + x.head()).toList());
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
