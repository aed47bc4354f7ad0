package dev.circuits.examples;

import dev.circuits.core.Add;
import dev.circuits.core.Array;
import dev.circuits.core.Circuit;
import dev.circuits.core.Einsum;
import dev.circuits.core.Index;
import dev.circuits.core.Scalar;
import dev.circuits.core.eval.Evaluator;
import dev.circuits.core.match.IterativeMatcher;
import dev.circuits.core.match.Matcher;
import dev.circuits.core.spec.TensorIndex;
import dev.circuits.gpt2.model.Head;
import dev.circuits.ioi.IoiDataset;
import dev.circuits.ioi.experiments.DirectPathScrub;
import dev.circuits.ioi.experiments.LogitDiffScrub;
import dev.circuits.ioi.planted.PlantedIoiModel;
import dev.circuits.scrubbing.Correspondence;
import dev.circuits.scrubbing.Dataset;
import dev.circuits.scrubbing.Experiment;
import dev.circuits.scrubbing.Feature;
import dev.circuits.scrubbing.FuncSampler;
import dev.circuits.scrubbing.InterpNode;
import dev.circuits.scrubbing.LabelMode;
import dev.circuits.scrubbing.ScrubbedExperiment;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * README "Causal scrubbing": a hypothesis is an interpretation tree mapped onto model branches;
 * scrubbing resamples each branch's inputs from data the hypothesis calls equivalent. A true
 * hypothesis keeps the output, a false one breaks it. First on a toy model {@code C = 2 x0 + 3 x1},
 * then REMIX's name-mover hypothesis on the planted IOI model. Argument: {@code [N]} (default 20).
 */
public final class CausalScrubbing {
  private CausalScrubbing() {}

  /** Runs the example. */
  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    toy();
    plantedIoi(n);
  }

  private static void toy() {
    // Model: C = A + B with A = 2 * xs[0] and B = 3 * xs[1]; one datum is a row of xs.
    Array x = Array.wrap(Nd4j.createFromArray(0.0, 0.0), "xs");
    Circuit a = Einsum.scalarMul(Index.of(x, TensorIndex.of(TensorIndex.at(0)), null),
        Scalar.of(2), "A");
    Circuit b = Einsum.scalarMul(Index.of(x, TensorIndex.of(TensorIndex.at(1)), null),
        Scalar.of(3), "B");
    Circuit model = Add.of(List.of(a, b), "C");

    SplittableRandom rng = new SplittableRandom(3);
    double[][] rows = new double[200][2];
    for (double[] r : rows) {
      r[0] = rng.nextInt(2);
      r[1] = rng.nextInt(2);
    }
    INDArray xs = Nd4j.createFromArray(rows);
    INDArray labels = xs.getColumn(0).mul(2).add(xs.getColumn(1).mul(3));
    Dataset ds = Dataset.of(Array.of(xs, "xs"), Array.of(labels, "labels"));

    System.out.println("toy model C = 2 x0 + 3 x1; the error is mean |scrubbed C - label|:");
    System.out.printf(Locale.ROOT, "  true hypothesis  (A reads x0, B reads x1): error %.3f%n",
        scrubError(model, ds, 0, 1));
    System.out.printf(Locale.ROOT, "  false hypothesis (A reads x1, B reads x0): error %.3f%n",
        scrubError(model, ds, 1, 0));
  }

  /** Scrubs with "A depends only on column colA of xs, B only on colB"; returns the error. */
  private static double scrubError(Circuit model, Dataset ds, int colA, int colB) {
    IterativeMatcher root = IterativeMatcher.corrRootMatcher();
    InterpNode c = new InterpNode("C", new FuncSampler(Feature.array("labels")));
    Correspondence corr = new Correspondence();
    corr.add(c, root);
    corr.add(c.makeDescendant("A", new FuncSampler(Feature.column("xs", colA))),
        root.chain(Matcher.named("A")));
    corr.add(c.makeDescendant("B", new FuncSampler(Feature.column("xs", colB))),
        root.chain(Matcher.named("B")));
    ScrubbedExperiment s = new Experiment(model, ds, corr, 42).scrub(50);
    INDArray out = s.evaluate(Evaluator.create()).castTo(labels(s).dataType());
    return out.sub(labels(s)).norm1Number().doubleValue() / out.length();
  }

  private static INDArray labels(ScrubbedExperiment s) {
    return s.refDataset().values("labels");
  }

  private static void plantedIoi(int n) {
    // Hypothesis: only the name movers' direct paths to the logits matter (all else resampled).
    IoiDataset ds = IoiDataset.builder().n(n).seed(42).build();
    List<Head> nameMovers = List.of(new Head(3, 0),
        new Head(3, 1));
    List<Head> decoys = List.of(new Head(3, 2),
        new Head(3, 3));
    System.out.println("planted-ioi, N=" + n + ": logit difference recovered when only these "
        + "heads' direct paths keep their inputs:");
    for (List<Head> kept : List.of(nameMovers, decoys)) {
      LogitDiffScrub.Result r = DirectPathScrub.run(PlantedIoiModel.load(), ds, kept,
          LabelMode.REFERENCE, 1, Evaluator.create());
      System.out.printf(Locale.ROOT, "  heads %-10s clean %.3f scrubbed %.3f recovered %.0f%%%n",
          kept.stream().map(h -> h.layer() + "." + h.head()).toList(), r.clean(), r.scrubbed(),
          100 * r.recovered());
    }
  }
}
