package dev.circuits.scrubbing.patching;

import dev.circuits.core.Circuit;
import dev.circuits.core.DiscreteVar;
import dev.circuits.core.eval.Evaluator;
import dev.circuits.core.match.IterativeMatcher;
import dev.circuits.core.sample.Sampler;
import dev.circuits.gpt2.model.Channel;
import dev.circuits.gpt2.model.Gpt2BuildOptions;
import dev.circuits.gpt2.model.Gpt2Circuit;
import dev.circuits.gpt2.model.Gpt2Config;
import dev.circuits.gpt2.model.Gpt2Weights;
import dev.circuits.gpt2.model.LogitDiff;
import dev.circuits.gpt2.model.RandomGpt2;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Times a direct-effect path-patching sweep (every head and MLP of every layer at the last
 * position -> the logit difference; GPT-2 small: 12 x 13 = 156 extenders, N = 50 prompts of 16
 * tokens) two ways: our {@link IterativePathPatching} (one circuit for the sweep, shared clean and
 * patch runs) and naively (each extender's path-patched circuit evaluated on its own, no shared
 * cache: at least one full forward pass each). Checks they agree and prints both times and a last
 * line {@code ratio: X} (naive time / our time). The naive side may be timed on an evenly spread
 * sample of extenders and extrapolated (say so in the output); run on demand, e.g.
 * {@code circuits bench sweep}.
 */
public final class SweepBenchmark {
  /** Prompts per sweep. */
  public static final int PROMPTS = 50;
  /** Tokens per prompt. */
  public static final int SEQ_LEN = 16;
  private static final double AGREEMENT = 1e-3;

  private SweepBenchmark() {}

  /**
   * Options: {@code naiveSample} extenders are evaluated naively (0: all of them); {@code seed}
   * draws the random weights and prompts.
   */
  public record Options(int naiveSample, long seed) {
    /** 12 naive extenders (one per layer of GPT-2 small), seed 0. */
    public static Options defaults() {
      return new Options(12, 0);
    }
  }

  /** Runs from the command line on random GPT-2-small-shaped weights. */
  public static void main(String[] args) {
    run(System.out);
  }

  /** Runs on random GPT-2-small-shaped weights with default options; returns the report. */
  public static String run(PrintStream out) {
    return run(out, Options.defaults());
  }

  /** Runs on random GPT-2-small-shaped weights drawn with {@code o.seed()}. */
  public static String run(PrintStream out, Options o) {
    long start = System.nanoTime();
    Gpt2Config cfg = Gpt2Config.small();
    Gpt2Weights w = Gpt2Weights.fromHuggingFace(cfg, RandomGpt2.stateDict(cfg, o.seed()),
        "random GPT-2 small (seed " + o.seed() + ")");
    out.printf(Locale.ROOT, "random GPT-2-small weights: %.1f s%n", seconds(start));
    return run(out, w, o);
  }

  /** Runs on {@code weights}; prints the report to {@code out} and returns it. */
  public static String run(PrintStream out, Gpt2Weights weights, Options options) {
    StringBuilder report = new StringBuilder();
    Gpt2Config cfg = weights.config();
    long start = System.nanoTime();
    Gpt2Circuit model = Gpt2Circuit.build(weights, Gpt2BuildOptions.split(SEQ_LEN)
        .withPositionSplit());
    Circuit group = DiscreteVar.uniformProbsAndGroup(PROMPTS);
    SplittableRandom r = new SplittableRandom(options.seed() + 1);
    INDArray baseline = randomTokens(r, cfg.vocabSize());
    INDArray patch = baseline.dup();
    for (int n = 0; n < PROMPTS; n++) {
      for (int k = 0; k < 2; k++) {
        patch.putScalar(n, r.nextInt(SEQ_LEN), r.nextInt(cfg.vocabSize()));
      }
    }
    INDArray labels = Nd4j.createFromArray(new long[PROMPTS][2]);
    for (int n = 0; n < PROMPTS; n++) {
      labels.putScalar(n, 0, r.nextInt(cfg.vocabSize()));
      labels.putScalar(n, 1, r.nextInt(cfg.vocabSize()));
    }
    Circuit ld = LogitDiff.bindLabels(LogitDiff.build(model, SEQ_LEN - 1), labels, group);
    ld.hash(); // hashing the weights (blake3 over every tensor) is set-up, once per model
    List<Extender> extenders = DirectPaths.senderSweep(cfg.nLayer(), cfg.nHead(), SEQ_LEN - 1,
        Channel.ALL);
    line(report, out, "sweep: %d layers x %d heads (d=%d, vocab %d), N=%d, T=%d, %d extenders "
        + "(direct effect of every head and MLP at the last position on the logit difference)",
        cfg.nLayer(), cfg.nHead(), cfg.nEmbd(), cfg.vocabSize(), PROMPTS, SEQ_LEN,
        extenders.size());
    line(report, out, "setup (circuit, prompts): %.1f s", seconds(start));

    start = System.nanoTime();
    uncachedEvaluator().evaluate(Sampler.runAll(group).sample(PathPatching.pathPatching(ld,
        baseline, patch, IterativeMatcher.term(), group))).close();
    line(report, out, "warm-up (one forward pass on the baseline): %.2f s", seconds(start));

    start = System.nanoTime();
    IterativePathPatching.SweepResult ours = IterativePathPatching.run(ld,
        n -> IterativeMatcher.corrRootMatcher(), List.of("root"), baseline, patch, group,
        extenders, PathPatching.DEFAULT_INPUT, uncachedEvaluator());
    double ourSeconds = seconds(start);
    line(report, out, "ours: %.2f s for the whole sweep (one circuit: clean and patch runs "
        + "computed once, then only what each extender changes)", ourSeconds);

    List<Integer> sample = naiveSample(extenders.size(), cfg.nLayer(), options.naiveSample());
    double naiveTotal = 0;
    double maxDiff = 0;
    for (int i : sample) {
      long t0 = System.nanoTime();
      Circuit patched = PathPatching.pathPatching(ld, baseline, patch,
          extenders.get(i).extend(IterativeMatcher.corrRootMatcher()), group);
      INDArray v = uncachedEvaluator().evaluate(Sampler.runAll(group).sample(patched));
      naiveTotal += seconds(t0);
      INDArray mine = ours.values().get(org.nd4j.linalg.indexing.NDArrayIndex.point(i));
      maxDiff = Math.max(maxDiff, mine.castTo(DataType.DOUBLE)
          .sub(v.castTo(DataType.DOUBLE)).amaxNumber().doubleValue());
    }
    double naiveSeconds = naiveTotal / sample.size() * extenders.size();
    if (sample.size() == extenders.size()) {
      line(report, out, "naive: %.2f s (%d independent evaluations, no shared cache)",
          naiveSeconds, sample.size());
    } else {
      line(report, out, "naive: %.2f s per extender (mean of %d spread over the layers, one "
          + "independent evaluation each, no shared cache) -> %.1f s for %d extenders "
          + "(extrapolated)", naiveTotal / sample.size(), sample.size(), naiveSeconds,
          extenders.size());
    }
    line(report, out, "max |ours - naive| = %.2e over %d extenders x %d prompts", maxDiff,
        sample.size(), PROMPTS);
    if (!(maxDiff <= AGREEMENT)) {
      throw new IllegalStateException("the sweep disagrees with naive path patching: max |diff| "
          + maxDiff + " > " + AGREEMENT);
    }
    line(report, out, "ratio: %.2f", naiveSeconds / ourSeconds);
    return report.toString();
  }

  /**
   * Both sides run without a cross-call cache: nothing is evaluated twice within one call anyway,
   * and a cache that keeps a forward pass's values alive makes every new buffer land on fresh
   * pages, which these VMs serve at ~0.3 GB/s (freed buffers are reused at memory speed).
   */
  private static Evaluator uncachedEvaluator() {
    return Evaluator.builder().memoryBudgetBytes(0).build();
  }

  /** Extender indices for the naive run: all, or one per layer at a varying head/MLP. */
  static List<Integer> naiveSample(int count, int layers, int wanted) {
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

  private static INDArray randomTokens(SplittableRandom r, int vocab) {
    long[][] ids = new long[PROMPTS][SEQ_LEN];
    for (long[] row : ids) {
      for (int t = 0; t < row.length; t++) {
        row[t] = r.nextInt(vocab);
      }
    }
    return Nd4j.createFromArray(ids);
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private static void line(StringBuilder report, PrintStream out, String format, Object... args) {
    String s = String.format(Locale.ROOT, format, args);
    report.append(s).append('\n');
    out.println(s);
    out.flush();
  }
}
