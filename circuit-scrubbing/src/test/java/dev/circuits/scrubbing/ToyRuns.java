package dev.circuits.scrubbing;

import dev.circuits.core.Array;
import dev.circuits.core.Circuit;
import dev.circuits.core.eval.Evaluator;
import dev.circuits.core.match.Matcher;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoublePredicate;

/** rust's test_experiment.run_experiment: scrub over seeds 0..9 and check each loss. */
final class ToyRuns {
  static final Evaluator EVAL = Evaluator.builder().float64().build();

  private ToyRuns() {}

  /** Scrubs {@code numExamples} rows per seed and asserts {@code lossOk} (if given); returns losses. */
  static List<Double> run(Circuit c, Dataset ds, Correspondence corr, DoublePredicate lossOk,
      int numExamples, boolean treeify, boolean check) {
    List<Double> losses = new ArrayList<>();
    for (long seed = 0; seed < 10; seed++) {
      Experiment ex = new Experiment(c, ds, corr, seed, check);
      ScrubbedExperiment scrubbed = ex.scrub(numExamples,
          ScrubOptions.defaults().withTreeify(treeify).withCheck(check));
      double loss = IntData.loss(scrubbed.refDataset(), scrubbed.evaluate(EVAL));
      if (lossOk != null && !lossOk.test(loss)) {
        throw new AssertionError("seed " + seed + ": loss " + loss + " fails the threshold");
      }
      losses.add(loss);
    }
    return losses;
  }

  /** {@link #run} with treeify and checks on. */
  static List<Double> run(Circuit c, Dataset ds, Correspondence corr, DoublePredicate lossOk,
      int numExamples) {
    return run(c, ds, corr, lossOk, numExamples, true, true);
  }

  /** rust's datum_loss: the unscrubbed model's loss on the dataset's first row. */
  static double datumLoss(Circuit c, Dataset ds) {
    Array datum = Array.wrap(ds.values("xs").getRow(0).dup(), "ref");
    Circuit replaced = Matcher.named("xs").update(c, x -> datum);
    return IntData.loss(ds.row(0), EVAL.evaluate(replaced).reshape(1));
  }
}
