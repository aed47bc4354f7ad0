package dev.circuits.scrubbing;

import static dev.circuits.scrubbing.Toy.ROOT;
import static dev.circuits.scrubbing.Toy.at;
import static dev.circuits.scrubbing.Toy.chain;
import static dev.circuits.scrubbing.Toy.times;
import static dev.circuits.scrubbing.Toy.xs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.circuits.core.Add;
import dev.circuits.core.Array;
import dev.circuits.core.Circuit;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The two label modes of remix-ioi §6.2 on a model whose output is {@code C - labels}. */
class LabelModeTest {
  private static final Dataset DS = IntData.ofShape(4, 200, 2, x -> 2 * x[0] + 3 * x[1]);
  private static final ScrubOptions REFERENCE =
      ScrubOptions.defaults().withLabels(LabelMode.REFERENCE, Set.of("labels"));

  /** {@code (2 x0 + 3 x1) - labels}: zero on unscrubbed data. */
  private static Circuit errorModel() {
    Array x = xs(0, 1);
    Circuit c = Add.of(List.of(times(at(x, 0, null), 2, "A"), times(at(x, 1, null), 3, "B")), "C");
    return c.sub(Toy.scalarInput("labels")).rename("err");
  }

  /** REMIX's shape: an exact root whose one exact child covers part of the model (here A). */
  private static Correspondence rootWithExactA() {
    InterpNode root = new InterpNode("out", new ExactSampler());
    Correspondence corr = new Correspondence();
    corr.add(root, ROOT);
    corr.add(root.makeDescendant("A", new ExactSampler()), chain(ROOT, "A"));
    return corr;
  }

  @Test
  void followSampledLabelsComeFromTheOtherInputsSample() {
    Experiment ex = new Experiment(errorModel(), DS, rootWithExactA(), 3);
    ScrubbedExperiment s = ex.scrub(40);
    Dataset ref = s.refDataset();
    Dataset other = s.sampledInputs().get(ex.correspondence().getByName("out"));
    double[] out = s.evaluate(ToyRuns.EVAL).toDoubleVector();
    for (int i = 0; i < 40; i++) {
      double scrubbedC = 2 * x(ref, i, 0) + 3 * x(other, i, 1);
      assertEquals(scrubbedC - other.values("labels").getDouble(i), out[i], 1e-12, "row " + i);
    }
  }

  @Test
  void referenceLabelsStayOnTheReference() {
    Experiment ex = new Experiment(errorModel(), DS, rootWithExactA(), 3);
    ScrubbedExperiment s = ex.scrub(40, REFERENCE);
    Dataset ref = s.refDataset();
    Dataset other = s.sampledInputs().get(ex.correspondence().getByName("out"));
    double[] out = s.evaluate(ToyRuns.EVAL).toDoubleVector();
    for (int i = 0; i < 40; i++) {
      assertEquals(3 * (x(other, i, 1) - x(ref, i, 1)), out[i], 1e-12, "row " + i);
    }
  }

  @Test
  void modesAgreeWhenNothingIsResampled() {
    InterpNode root = new InterpNode("out", new ExactSampler(), new ExactSampler());
    Correspondence corr = new Correspondence();
    corr.add(root, ROOT);
    for (ScrubOptions o : new ScrubOptions[] {ScrubOptions.defaults(), REFERENCE}) {
      double[] out = new Experiment(errorModel(), DS, corr, 1).scrub(20, o)
          .evaluate(ToyRuns.EVAL).toDoubleVector();
      for (double v : out) {
        assertEquals(0.0, v);
      }
    }
  }

  @Test
  void fullyResampledFollowModeIsSelfConsistent() {
    InterpNode root = new InterpNode("out", new UncondSampler());
    Correspondence corr = new Correspondence();
    corr.add(root, ROOT);
    double[] follow = new Experiment(errorModel(), DS, corr, 2).scrub(30)
        .evaluate(ToyRuns.EVAL).toDoubleVector();
    double[] reference = new Experiment(errorModel(), DS, corr, 2).scrub(30, REFERENCE)
        .evaluate(ToyRuns.EVAL).toDoubleVector();
    double meanAbs = 0;
    for (int i = 0; i < 30; i++) {
      assertEquals(0.0, follow[i], "row " + i);
      meanAbs += Math.abs(reference[i]) / 30;
    }
    assertEquals(true, meanAbs > 1, "reference labels should disagree, mean |err| " + meanAbs);
  }

  @Test
  void labelsMustBeInputs() {
    Experiment ex = new Experiment(errorModel(), DS.withInputNames(Set.of("xs")),
        rootWithExactA(), 1);
    assertThrows(ScrubbingException.class, () -> ex.scrub(2, REFERENCE));
  }

  private static double x(Dataset d, int row, int col) {
    return d.values("xs").getDouble(row, col);
  }
}
