package dev.circuits.scrubbing;

import static dev.circuits.scrubbing.Toy.ROOT;
import static dev.circuits.scrubbing.Toy.at;
import static dev.circuits.scrubbing.Toy.chain;
import static dev.circuits.scrubbing.Toy.col;
import static dev.circuits.scrubbing.Toy.times;
import static dev.circuits.scrubbing.Toy.xs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.circuits.core.Add;
import dev.circuits.core.Array;
import dev.circuits.core.Circuit;
import dev.circuits.core.match.IterativeMatcher;
import dev.circuits.core.match.Matcher;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** rust_circuit's end-to-end toy-model tests (test_experiment.py, "E2E tests"), as thresholds. */
class ToyModelScrubTest {
  /** {@code C = A + B}, {@code A = 2 x0}, {@code B = 3 x1}, and its exact interpretation. */
  private static Circuit cEqualsAPlusB() {
    Array x = xs(0, 1);
    return Add.of(List.of(times(at(x, 0, null), 2, "A"), times(at(x, 1, null), 3, "B")), "C");
  }

  private static Correspondence exactInterpretation() {
    InterpNode c = new InterpNode("Ct", Toy.labels());
    Correspondence corr = new Correspondence();
    corr.add(c, ROOT);
    corr.add(c.makeDescendant("At", col(0)), chain(ROOT, "A"));
    corr.add(c.makeDescendant("Bt", col(1)), chain(ROOT, "B"));
    return corr;
  }

  private static Dataset linear(int n, int seed, double a, double b) {
    return IntData.ofShape(seed, n, 2, x -> a * x[0] + b * x[1]);
  }

  @Test
  void identical() {
    ToyRuns.run(cEqualsAPlusB(), linear(100, 1, 2, 3), exactInterpretation(), l -> l == 0, 1);
  }

  @Test
  void identicalNoCheck() {
    ToyRuns.run(cEqualsAPlusB(), linear(100, 2, 2, 3), exactInterpretation(), l -> l == 0, 1,
        true, false);
  }

  @Test
  void identicalOnManyReferenceRows() {
    List<Double> losses = ToyRuns.run(cEqualsAPlusB(), linear(100, 3, 2, 3),
        exactInterpretation(), l -> l == 0, 50);
    assertEquals(10, losses.size());
  }

  @Test
  void explicitInputsOkayWithoutTreeify() {
    Array x = xs(0, 1);
    Circuit c = Add.of(List.of(at(x, 0, "x0"), at(x, 1, "x1")), "C");
    InterpNode ct = new InterpNode("Ct", Toy.labels());
    InterpNode x0 = ct.makeDescendant("x0t", col(0));
    InterpNode x1 = ct.makeDescendant("x1t", col(1));
    InterpNode xs0 = x0.makeDescendant("x0_xs", col(0));
    InterpNode xs1 = x1.makeDescendant("x1_xs", col(1));
    Correspondence corr = new Correspondence();
    corr.add(ct, ROOT);
    corr.add(x0, chain(ROOT, "x0"));
    corr.add(x1, chain(ROOT, "x1"));
    corr.add(xs0, chain(ROOT, "x0", "xs"));
    corr.add(xs1, chain(ROOT, "x1", "xs"));
    ToyRuns.run(c, linear(100, 4, 1, 1), corr, l -> l == 0, 1, false, true);
  }

  @Test
  void spreadOverResidual() {
    Array x = xs(0, 1);
    Circuit x2 = at(x, 1, "x2");
    Circuit a = Add.of(List.of(at(x, 0, "x1"), x2), "A");
    Circuit c = Add.of(List.of(a, x2), "C");
    Dataset ds = linear(1000, 5, 1, 2);
    assertTrue(ToyRuns.datumLoss(c, ds) < 0.01);

    InterpNode ct = new InterpNode("Ct", Toy.labels());
    InterpNode at = ct.makeDescendant("A", col(0));
    InterpNode x1t = at.makeDescendant("x1", col(0));
    InterpNode x2t = ct.makeDescendant("x2", col(1));
    IterativeMatcher toA = chain(ROOT, "A");
    Correspondence corr = new Correspondence();
    corr.add(ct, ROOT);
    corr.add(at, toA);
    corr.add(x1t, chain(toA, "x1"));
    corr.add(x2t, IterativeMatcher.chainExcluding(ROOT, Matcher.named("x2"), Matcher.named("A")));
    ToyRuns.run(c, ds, corr, l -> l > 1, 50);
  }

  @Test
  void spreadOverTwoNodes() {
    Array x = xs(0, 1);
    Circuit first = at(x, 0, null);
    Circuit c = Add.of(List.of(times(first, 2, "A"), times(first, 3, "B")), "C");
    Dataset ds = IntData.ofShape(6, 1000, 2, r -> 5 * r[0]);
    assertTrue(ToyRuns.datumLoss(c, ds) < 0.01);
    InterpNode ct = new InterpNode("Ct", col(0));
    Correspondence corr = new Correspondence();
    corr.add(ct, ROOT);
    corr.add(ct.makeDescendant("A", col(0)), chain(ROOT, "A"));
    ToyRuns.run(c, ds, corr, l -> l > 0.1, 50);
  }

  @Test
  void largeDeviation() {
    Array x = xs(0, 1);
    Circuit second = at(x, 1, null);
    Circuit c = Add.of(List.of(Add.of(List.of(times(at(x, 0, null), 2, null), second), "A"),
        times(second, 3, "B")), "C");
    ToyRuns.run(c, linear(1000, 7, 2, 3), exactInterpretation(), l -> l > 1, 50);
  }

  @Test
  void tinyDeviation() {
    Array x = xs(0, 1);
    Circuit second = at(x, 1, null);
    Circuit c = Add.of(List.of(Add.of(List.of(times(at(x, 0, null), 2, null),
        times(second, 0.001, null)), "A"), times(second, 3, "B")), "C");
    ToyRuns.run(c, linear(1000, 8, 2, 3), exactInterpretation(), l -> l < 0.01, 1);
  }

  @Test
  void intermediatesCancel() {
    Array x = xs(0, 1, 2);
    Circuit third = at(x, 2, null);
    Circuit c = Add.of(List.of(Add.of(List.of(at(x, 0, null), third), "A"),
        at(x, 1, null).sub(third).rename("B")), "C");
    Dataset ds = IntData.ofShape(9, 1000, 3, r -> r[0] + r[1]);
    assertTrue(ToyRuns.datumLoss(c, ds) < 1e-4);
    InterpNode ct = new InterpNode("Ct", Toy.lin(1, 1));
    Correspondence corr = new Correspondence();
    corr.add(ct, ROOT);
    corr.add(ct.makeDescendant("At", col(0)), chain(ROOT, "A"));
    corr.add(ct.makeDescendant("Bt", col(1)), chain(ROOT, "B"));
    ToyRuns.run(c, ds, corr, l -> l > 1, 50);
  }

  @Test
  void swappedIntermediates() {
    Array x = xs(0, 1);
    Circuit first = at(x, 0, null);
    Circuit second = at(x, 1, null);
    Circuit c = Add.of(List.of(Add.of(List.of(times(first, 2, null), second), "A"),
        Add.of(List.of(first, times(second, 2, null)), "B")), "C");
    Dataset ds = linear(1000, 10, 3, 3);
    assertEquals(0.0, ToyRuns.datumLoss(c, ds));
    InterpNode ct = new InterpNode("Ct", Toy.lin(2, 3));
    Correspondence corr = new Correspondence();
    corr.add(ct, ROOT);
    corr.add(ct.makeDescendant("At", Toy.lin(1, 2)), chain(ROOT, "A"));
    corr.add(ct.makeDescendant("Bt", Toy.lin(1, 1)), chain(ROOT, "B"));
    ToyRuns.run(c, ds, corr, l -> l > 1, 50);
  }

  @Test
  void dataCorrelation() {
    Array x = xs(0, 1);
    Circuit c = Add.of(List.of(at(x, 0, "x0"), at(x, 1, "x1")), "C");
    SplittableRandom r = new SplittableRandom(11);
    double[] xsData = new double[2000];
    double[] labels = new double[1000];
    for (int i = 0; i < 1000; i++) {
      int v = r.nextInt(10);
      xsData[2 * i] = v;
      xsData[2 * i + 1] = 2 * v;
      labels[i] = 3 * v;
    }
    Dataset ds = IntData.of(Nd4j.create(xsData, new long[] {1000, 2}, DataType.DOUBLE), labels);
    assertEquals(0.0, ToyRuns.datumLoss(c, ds));
    InterpNode ct = new InterpNode("Ct", col(0));
    Correspondence corr = new Correspondence();
    corr.add(ct, ROOT);
    corr.add(ct.makeDescendant("x0", col(0)), chain(ROOT, "x0"));
    ToyRuns.run(c, ds, corr, l -> l > 1, 50);
  }

  @Test
  void unspecifiedNodesAreResampledUnlessOtherInputsAreExact() {
    Dataset ds = linear(5, 12, 2, 3);
    // by default the unspecified path through B is sampled randomly, so the scrubbed model is poor
    ToyRuns.run(cEqualsAPlusB(), ds, omittingB(new UncondSampler()), l -> l > 1, 50);
    // with other inputs not resampled, performance is perfect
    ToyRuns.run(cEqualsAPlusB(), ds, omittingB(new ExactSampler()), l -> l == 0, 1);
  }

  private static Correspondence omittingB(CondSampler otherInputs) {
    InterpNode ct = new InterpNode("Ct", Toy.labels(), otherInputs);
    Correspondence corr = new Correspondence();
    corr.add(ct, ROOT);
    corr.add(ct.makeDescendant("At", col(0)), chain(ROOT, "A"));
    return corr;
  }
}
