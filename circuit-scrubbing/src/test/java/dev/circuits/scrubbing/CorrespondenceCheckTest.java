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
import dev.circuits.core.Scalar;
import dev.circuits.core.Shape;
import dev.circuits.core.match.IterativeMatcher;
import dev.circuits.core.match.Matcher;
import dev.circuits.scrubbing.IllegalCorrespondenceException.Reason;
import java.util.List;
import org.junit.jupiter.api.Test;

/** rust_circuit's correspondence checks (test_experiment.py, "Corr checks"). */
class CorrespondenceCheckTest {
  private static final Dataset DS = IntData.ofShape(0, 1000, 2, x -> 2 * x[0] + 3 * x[1]);

  private static InterpNode uncond(String name) {
    return new InterpNode(name, new UncondSampler());
  }

  private static Reason failure(Circuit c, Correspondence corr) {
    return assertThrows(IllegalCorrespondenceException.class,
        () -> ToyRuns.run(c, DS, corr, null, 1)).reason();
  }

  @Test
  void wellDefinedMatchesManyStillScrubs() {
    Array x = xs(0, 1);
    Circuit c = Add.of(List.of(at(x, 0, "x0"), at(x, 1, "x0")), "C");
    InterpNode ct = uncond("C");
    Correspondence corr = new Correspondence();
    corr.add(ct, ROOT);
    corr.add(ct.makeDescendant("x0", new UncondSampler()), chain(ROOT, "x0"));
    assertEquals(10, ToyRuns.run(c, DS, corr, null, 1).size());
    IllegalCorrespondenceException e = assertThrows(IllegalCorrespondenceException.class,
        () -> corr.checkWellDefined(c));
    assertEquals(Reason.NOT_WELL_DEFINED, e.reason());
  }

  @Test
  void wellDefinedMatchesNone() {
    Circuit c = Add.of(List.of(at(Toy.input("not xs", 0, 1), 0, "x0"), Scalar.of(5)), "C");
    Correspondence rootOnly = new Correspondence();
    rootOnly.add(uncond("Ct"), ROOT);
    assertEquals(Reason.NO_INPUTS_FOUND, failure(c, rootOnly));
    assertThrows(IllegalCorrespondenceException.class,
        () -> rootOnly.checkWellDefined(c, DS.inputNames()));
    rootOnly.checkWellDefined(c);

    InterpNode ct = uncond("Ct");
    Correspondence corr = new Correspondence();
    corr.add(ct, ROOT);
    corr.add(ct.makeDescendant("x0", new UncondSampler()), chain(ROOT, "not_x0"));
    assertEquals(Reason.NO_INPUTS_FOUND, failure(c, corr));
    assertEquals(Reason.NOT_WELL_DEFINED,
        assertThrows(IllegalCorrespondenceException.class, () -> corr.checkWellDefined(c))
            .reason());
  }

  @Test
  void injectiveSimple() {
    Array x = xs(0, 1);
    Circuit c = Add.of(List.of(at(x, 0, "x0"), at(x, 1, "x1")), "C");
    InterpNode ct = uncond("C");
    Correspondence corr = new Correspondence();
    corr.add(ct, ROOT);
    corr.add(ct.makeDescendant("x0_1", new UncondSampler()), chain(ROOT, "x0"));
    corr.add(ct.makeDescendant("x0_2", new UncondSampler()), chain(ROOT, "x0"));
    assertEquals(Reason.WRONG_PARENT, failure(c, corr));
  }

  @Test
  void injectiveSubsumed() {
    Array x = xs(0, 1);
    Circuit first = at(x, 0, "x0");
    Circuit c = Add.of(List.of(first, times(first, 2, null)), "C");
    InterpNode ct = uncond("C");
    InterpNode a = ct.makeDescendant("A", new UncondSampler());
    InterpNode ax0 = a.makeDescendant("A_x0", new UncondSampler());
    InterpNode x0 = ct.makeDescendant("x0", new UncondSampler());
    Correspondence corr = new Correspondence();
    corr.add(ct, ROOT);
    corr.add(a, chain(ROOT, "A"));
    corr.add(x0, chain(ROOT, "x0"));
    corr.add(ax0, IterativeMatcher.chainExcluding(ROOT, Matcher.named("x0"), Matcher.named("A")));
    assertEquals(Reason.WRONG_PARENT, failure(c, corr));
  }

  @Test
  void injectiveCheckingLeavesIsInsufficient() {
    Array x = xs(0, 1);
    Circuit c = Add.of(List.of(Add.of(List.of(at(x, 0, "x0"), at(x, 1, "x1")), "x2")), "C");
    InterpNode ct = uncond("C");
    InterpNode added1 = ct.makeDescendant("x2_1", new UncondSampler());
    InterpNode added2 = ct.makeDescendant("x2_2", new UncondSampler());
    InterpNode x0 = added1.makeDescendant("x0", new UncondSampler());
    InterpNode x1 = added2.makeDescendant("x1", new UncondSampler());
    IterativeMatcher toAdded1 = chain(ROOT, "x2");
    IterativeMatcher toAdded2 =
        IterativeMatcher.chainExcluding(ROOT, Matcher.named("x2"), Matcher.named("x3"));
    Correspondence corr = new Correspondence();
    corr.add(ct, ROOT);
    corr.add(added1, toAdded1);
    corr.add(added2, toAdded2);
    corr.add(x0, chain(toAdded1, "x0"));
    corr.add(x1, chain(toAdded2, "x1"));
    assertEquals(Reason.WRONG_PARENT, failure(c, corr));
  }

  @Test
  void injectiveUnusedDirect() {
    Array x = xs(0, 1);
    Circuit c = Add.of(List.of(at(x, 0, "x0"), at(x, 1, "x1")), "C");
    InterpNode ct = uncond("C");
    Correspondence corr = new Correspondence();
    corr.add(ct, ROOT);
    corr.add(ct.makeDescendant("x0_1", new UncondSampler()), chain(ROOT, "x0"));
    corr.add(ct.makeDescendant("x0_2", new UncondSampler()),
        IterativeMatcher.chainExcluding(ROOT, Matcher.named("x0"), Matcher.named("x1")));
    assertEquals(Reason.WRONG_PARENT, failure(c, corr));
  }

  @Test
  void treeStructureBackwardsRootIsNotTheModel() {
    Circuit c = Add.of(List.of(at(xs(0, 1), 0, "x0")), "C");
    InterpNode x0 = uncond("x0");
    InterpNode ct = x0.makeDescendant("C", new UncondSampler());
    Correspondence corr = new Correspondence();
    corr.add(ct, ROOT);
    corr.add(x0, chain(ROOT, "x0"));
    assertEquals(Reason.ROOT_NOT_MODEL, failure(c, corr));
  }

  private static Circuit aPlusB() {
    Circuit first = at(xs(0, 1), 0, "x0");
    return Add.of(List.of(Add.of(List.of(first), "A"), times(first, 2, "B")), "C");
  }

  @Test
  void injectiveSeparatePathsIsFine() {
    InterpNode ct = uncond("C");
    Correspondence corr = new Correspondence();
    corr.add(ct, ROOT);
    corr.add(ct.makeDescendant("x0_A", new UncondSampler()), chain(ROOT, "A", "x0"));
    corr.add(ct.makeDescendant("x0_B", new UncondSampler()), chain(ROOT, "B", "x0"));
    ScrubbedExperiment s = new Experiment(aPlusB(), DS, corr).scrub(1);
    assertEquals(1, s.refDataset().size());
  }

  @Test
  void treeStructureRespectsPaths() {
    InterpNode ct = uncond("C");
    InterpNode a = ct.makeDescendant("A", new UncondSampler());
    InterpNode x0 = a.makeDescendant("x0", new UncondSampler());
    Correspondence corr = new Correspondence();
    corr.add(ct, ROOT);
    corr.add(a, chain(ROOT, "A"));
    corr.add(x0, chain(ROOT, "B", "x0"));
    assertEquals(Reason.WRONG_PARENT, failure(aPlusB(), corr));
  }

  @Test
  void treeStructureOnlyIfChild() {
    Circuit a = times(at(xs(0, 1), 0, "x0"), 2, "A");
    Circuit c = times(times(a, 3, "B"), 5, "C");
    InterpNode ct = uncond("C");
    InterpNode at = ct.makeDescendant("At", new UncondSampler());
    InterpNode bt = ct.makeDescendant("Bt", new UncondSampler());
    IterativeMatcher toB = chain(ROOT, "B");
    Correspondence corr = new Correspondence();
    corr.add(ct, ROOT);
    corr.add(bt, toB);
    corr.add(at, chain(toB, "A"));
    assertEquals(Reason.WRONG_PARENT, failure(c, corr));
  }

  @Test
  void childMatchingOutsideItsParentIsNotADescendant() {
    // the child's inputs are all below its parent, but it also matches a constant beside it
    Circuit c = Add.of(List.of(Add.of(List.of(at(xs(0, 1), 0, "x0")), "A"), Scalar.of(1,
        Shape.scalar(), "k")), "C");
    InterpNode ct = uncond("C");
    InterpNode a = ct.makeDescendant("A", new UncondSampler());
    InterpNode child = a.makeDescendant("x0", new UncondSampler());
    Correspondence corr = new Correspondence();
    corr.add(ct, ROOT);
    corr.add(a, chain(ROOT, "A"));
    corr.add(child, chain(ROOT, "A", "x0").or(chain(ROOT, "k")));
    assertEquals(Reason.NOT_A_DESCENDANT, failure(c, corr));
  }
}
