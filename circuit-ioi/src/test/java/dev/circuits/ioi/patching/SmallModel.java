package dev.circuits.ioi.patching;

import dev.circuits.core.Circuit;
import dev.circuits.core.DiscreteVar;
import dev.circuits.core.eval.Evaluator;
import dev.circuits.core.match.IterativeMatcher;
import dev.circuits.core.match.Matcher;
import dev.circuits.core.sample.Sampler;
import dev.circuits.gpt2.model.DirectPaths;
import dev.circuits.gpt2.model.Gpt2BuildOptions;
import dev.circuits.gpt2.model.Gpt2Circuit;
import dev.circuits.gpt2.model.Gpt2Config;
import dev.circuits.gpt2.model.Gpt2Weights;
import dev.circuits.gpt2.model.LogitDiff;
import dev.circuits.gpt2.testing.SmallGpt2;
import dev.circuits.scrubbing.patching.PathPatching;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A random small position-split GPT-2 (3 layers, 4 heads, d=32, vocab 50, T=6) with a
 * logit-difference metric at the last position, N prompts of baseline tokens and patch tokens
 * (each patch row differs from its baseline row at two random positions).
 */
final class SmallModel {
  static final int LAYERS = 3;
  static final int HEADS = 4;
  static final int D = 32;
  static final int VOCAB = 50;
  static final int T = 6;
  static final int N = 5;
  static final int END = T - 1;

  final Gpt2Weights weights;
  final Gpt2Circuit model;
  final Circuit group;
  final Circuit ld;
  final INDArray baseline;
  final INDArray patch;
  final INDArray ioS;
  final Evaluator evaluator = Evaluator.create();

  private SmallModel(long seed) {
    weights = SmallGpt2.weights(new Gpt2Config(LAYERS, HEADS, D, VOCAB, 8, 1e-5, "gelu_new"),
        seed);
    model = Gpt2Circuit.build(weights, Gpt2BuildOptions.split(T).withPositionSplit());
    group = DiscreteVar.uniformProbsAndGroup(N);
    SplittableRandom r = new SplittableRandom(seed + 1000);
    long[][] base = new long[N][T];
    long[][] pat = new long[N][T];
    long[][] labels = new long[N][2];
    for (int n = 0; n < N; n++) {
      for (int t = 0; t < T; t++) {
        base[n][t] = r.nextInt(VOCAB);
        pat[n][t] = base[n][t];
      }
      for (int k = 0; k < 2; k++) {
        int t = r.nextInt(T);
        pat[n][t] = (base[n][t] + 1 + r.nextInt(VOCAB - 1)) % VOCAB;
      }
      labels[n][0] = r.nextInt(VOCAB);
      labels[n][1] = (labels[n][0] + 1 + r.nextInt(VOCAB - 1)) % VOCAB;
    }
    baseline = Nd4j.createFromArray(base);
    patch = Nd4j.createFromArray(pat);
    ioS = Nd4j.createFromArray(labels);
    ld = LogitDiff.bindLabels(LogitDiff.build(model, END), ioS, group);
  }

  static SmallModel create(long seed) {
    return new SmallModel(seed);
  }

  /** {@link DirectPaths#printAllHeadsPaths} on the split circuit (root {@code logits}), as text. */
  String allHeadsPaths(IterativeMatcher matcher, boolean showQkv,
      Map<String, String> shortNames) {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    java.io.PrintStream out = new java.io.PrintStream(bytes, true,
        java.nio.charset.StandardCharsets.UTF_8);
    DirectPaths.printAllHeadsPaths(model.logits(), matcher, showQkv, shortNames, out);
    return bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Samples the group and evaluates an unsampled circuit of this model (e.g. path patched). */
  double[] run(Circuit unsampled) {
    return evaluator.evaluate(Sampler.runAll(group).sample(unsampled))
        .castTo(DataType.DOUBLE).toDoubleVector();
  }

  /** The ld on the baseline prompts (nothing patched). */
  double[] baselineLd() {
    return run(PathPatching.pathPatching(ld, baseline, patch, IterativeMatcher.term(), group));
  }

  /** The value of the node named {@code name} on the baseline prompts: [N, ...]. */
  INDArray clean(String name) {
    return valueOn(name, baseline);
  }

  /** The value of the node named {@code name} on the patch prompts: [N, ...]. */
  INDArray patched(String name) {
    return valueOn(name, patch);
  }

  private final Map<String, INDArray> values = new java.util.HashMap<>();

  private INDArray valueOn(String name, INDArray tokens) {
    String key = (tokens == baseline ? "clean:" : "patch:") + name;
    return values.computeIfAbsent(key, k -> compute(name, tokens));
  }

  private INDArray compute(String name, INDArray tokens) {
    Circuit node = Matcher.named(name).getFirst(model.logits())
        .orElseThrow(() -> new AssertionError("no node " + name));
    return evaluator.evaluate(model.withTokens(node, tokens)).castTo(DataType.DOUBLE);
  }
}
