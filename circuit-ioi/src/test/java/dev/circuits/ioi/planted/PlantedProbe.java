package dev.circuits.ioi.planted;

import dev.circuits.core.Circuit;
import dev.circuits.core.eval.Evaluator;
import dev.circuits.core.match.IterativeMatcher;
import dev.circuits.core.match.Matcher;
import dev.circuits.gpt2.model.Gpt2BuildOptions;
import dev.circuits.gpt2.model.Gpt2Circuit;
import dev.circuits.gpt2.model.Gpt2Weights;
import dev.circuits.gpt2.model.Head;
import dev.circuits.ioi.IoiDataset;
import dev.circuits.ioi.PromptFamily;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Test helper: runs a planted model (planted-ioi unless given) on an IOI dataset (right-padded,
 * logits read at each prompt's END) and measures logit(IO) - logit(S), optionally with head
 * outputs patched from a run on another dataset of the same shape.
 */
final class PlantedProbe {
  private final Gpt2Weights weights;
  private final Evaluator evaluator;
  private final Map<Integer, Gpt2Circuit> models = new HashMap<>();

  PlantedProbe() {
    this(PlantedIoiModel.load(), Evaluator.create());
  }

  PlantedProbe(Gpt2Weights weights, Evaluator evaluator) {
    this.weights = weights;
    this.evaluator = evaluator;
  }

  /** The split model of sequence length {@code seqLen} (built once per length). */
  Gpt2Circuit model(int seqLen) {
    return models.computeIfAbsent(seqLen,
        t -> Gpt2Circuit.build(weights, Gpt2BuildOptions.split(t)));
  }

  /** The final-norm residual of {@code ds} as a circuit (batch [N, T, d_model]). */
  Run run(IoiDataset ds) {
    Gpt2Circuit m = model(ds.maxLength());
    return new Run(ds, m.withTokens(m.finalNorm(), ids(ds.tokens())));
  }

  /** Evaluates a circuit with this probe's (memoising) evaluator. */
  INDArray evaluate(Circuit c) {
    return evaluator.evaluate(c);
  }

  /** Per-prompt logit(IO) - logit(S) at END (IOI), or logit(IO1) - logit(IO2) (ABC). */
  double[] logitDiff(Run r) {
    return logitDiff(r.ds, evaluator.evaluate(r.root));
  }

  /** Per-prompt logit difference of {@code clean} with {@code heads} patched from {@code source}. */
  double[] patched(Run clean, Run source, Collection<Head> heads) {
    Circuit root = clean.root;
    for (Head h : heads) {
      Circuit from = Matcher.named(h.nodeName()).getUnique(source.root);
      root = Matcher.named(h.nodeName()).update(root, n -> from);
    }
    return logitDiff(clean.ds, evaluator.evaluate(root));
  }

  /** Logits over the whole vocabulary at each prompt's END ([N, vocab], final.norm · wte^T). */
  INDArray endLogits(Run r) {
    INDArray finalNorm = evaluator.evaluate(r.root);
    int[] end = r.ds.wordIdx("END");
    INDArray rows = Nd4j.create(DataType.FLOAT, r.ds.size(), finalNorm.size(2));
    for (int i = 0; i < end.length; i++) {
      rows.putRow(i, finalNorm.get(NDArrayIndex.point(i), NDArrayIndex.point(end[i]),
          NDArrayIndex.all()));
    }
    return rows.mmul(weights.unembed().transpose());
  }

  /** The attention pattern [N, query, key] of one head on a run. */
  INDArray attention(Run r, Head h) {
    Circuit head = Matcher.named(h.nodeName()).getUnique(r.root);
    return evaluator.evaluate(IterativeMatcher.restrict(Matcher.named("a.attn_probs"), true, null,
        4, null).getUnique(head));
  }

  private double[] logitDiff(IoiDataset ds, INDArray finalNorm) {
    int[] end = ds.wordIdx("END");
    boolean ioi = ds.family() == PromptFamily.IOI;
    int[] io = ioi ? ds.ioTokenIds() : ds.io1TokenIds();
    int[] s = ioi ? ds.sTokenIds() : ds.io2TokenIds();
    INDArray wte = weights.unembed();
    double[] out = new double[ds.size()];
    long d = finalNorm.size(2);
    for (int i = 0; i < out.length; i++) {
      double acc = 0;
      for (int j = 0; j < d; j++) {
        acc += finalNorm.getDouble(i, end[i], j) * (wte.getDouble(io[i], j) - wte.getDouble(s[i], j));
      }
      out[i] = acc;
    }
    return out;
  }

  static INDArray ids(int[][] tokens) {
    long[] flat = new long[tokens.length * tokens[0].length];
    for (int i = 0; i < tokens.length; i++) {
      for (int j = 0; j < tokens[i].length; j++) {
        flat[i * tokens[0].length + j] = tokens[i][j];
      }
    }
    return Nd4j.createFromArray(flat).reshape(tokens.length, tokens[0].length)
        .castTo(DataType.LONG);
  }

  static double mean(double[] xs) {
    double s = 0;
    for (double x : xs) {
      s += x;
    }
    return s / xs.length;
  }

  static double fractionPositive(double[] xs) {
    int n = 0;
    for (double x : xs) {
      if (x > 0) {
        n++;
      }
    }
    return (double) n / xs.length;
  }

  /**
   * Over every residual a layer reads (embeds, a1.input, ..., final.input of a {@code layers}
   * model) and every real (unpadded) position of {@code r}: the range of norm / sqrt({@code
   * nominalNormSq}) and the largest |mean over dimensions|.
   */
  ResidualStats residualStats(Run r, int layers, double nominalNormSq) {
    double lo = Double.MAX_VALUE;
    double hi = 0;
    double mean = 0;
    int[] len = r.ds.lengths();
    for (int l = 0; l <= layers; l++) {
      String node = l == 0 ? "embeds" : l < layers ? "a" + l + ".input" : "final.input";
      INDArray x = evaluate(Matcher.named(node).getUnique(r.root));
      INDArray norms = x.norm2(2).div(Math.sqrt(nominalNormSq));
      INDArray means = x.mean(2);
      for (int i = 0; i < r.ds.size(); i++) {
        for (int t = 0; t < len[i]; t++) {
          mean = Math.max(mean, Math.abs(means.getDouble(i, t)));
          lo = Math.min(lo, norms.getDouble(i, t));
          hi = Math.max(hi, norms.getDouble(i, t));
        }
      }
    }
    return new ResidualStats(lo, hi, mean);
  }

  /** The range of residual norms relative to nominal, and the largest |mean|. */
  record ResidualStats(double lowest, double highest, double largestMean) {}

  /** A dataset with its circuit. */
  record Run(IoiDataset ds, Circuit root) {}
}
