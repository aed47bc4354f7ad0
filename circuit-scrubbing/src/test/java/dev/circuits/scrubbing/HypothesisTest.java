package dev.circuits.scrubbing;

import static dev.circuits.scrubbing.Toy.ROOT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.circuits.core.Add;
import dev.circuits.core.Array;
import dev.circuits.core.Circuit;
import dev.circuits.core.match.Matcher;
import dev.circuits.core.testing.CapturedLog;
import dev.circuits.core.text.PrintOptions;
import dev.circuits.scrubbing.IllegalCorrespondenceException.Reason;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** rust_circuit's test_hypothesis.py: sampler semantics, correspondence structure, printing. */
class HypothesisTest {
  private static Dataset ints(long seed) {
    return IntData.ofShape(seed, 100, 0, x -> x[0]);
  }

  private static double correlation(Dataset a, Dataset b) {
    return correlation(a.values("xs").toDoubleVector(), b.values("xs").toDoubleVector());
  }

  private static double correlation(double[] x, double[] y) {
    double mx = 0;
    double my = 0;
    for (int i = 0; i < x.length; i++) {
      mx += x[i] / x.length;
      my += y[i] / y.length;
    }
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < x.length; i++) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
      syy += (y[i] - my) * (y[i] - my);
    }
    return sxy / Math.sqrt(sxx * syy);
  }

  @Test
  void uncondSampler() {
    Dataset ds = ints(0);
    UncondSampler sampler = new UncondSampler();
    SplittableRandom rng = new SplittableRandom(0);
    Dataset sampled = sampler.sample(ds, ds, rng);
    assertEquals(100, sampled.size());
    assertTrue(correlation(ds, sampled) < 0.5);
    Dataset sampled2 = sampler.sample(ds, ds, rng);
    assertTrue(correlation(sampled2, sampled) < 0.5);
    assertEquals(sampler.dsEqClass(ds), sampler.dsEqClass(ints(1)));
  }

  @Test
  void exactSampler() {
    Dataset ds = IntData.ofShape(0, 100, 2, x -> x[1]);
    Dataset other = IntData.ofShape(1, 100, 2, x -> x[1]);
    ExactSampler sampler = new ExactSampler();
    assertSame(ds, sampler.sample(ds, other, new SplittableRandom(0)));
    assertNotEquals(sampler.dsEqClass(ds), sampler.dsEqClass(other));
  }

  @Test
  void uncondTogetherSampler() {
    Dataset ds = ints(0);
    InterpNode a = new InterpNode("A", new ExactSampler());
    InterpNode b0 = a.makeDescendant("B0", new UncondTogetherSampler());
    InterpNode b1 = a.makeDescendant("B1", new UncondTogetherSampler());
    SampledInputs sampled = a.sample(new SplittableRandom(0), ds, ds);
    assertEquals(1, sampled.pools().size());
    Dataset s0 = sampled.condDataset(b0).orElseThrow();
    assertTrue(correlation(ds, s0) < 0.5);
    assertSame(s0, sampled.condDataset(b1).orElseThrow());
    assertEquals(new UncondTogetherSampler().dsEqClass(ds),
        new UncondTogetherSampler().dsEqClass(ints(1)));
    InterpNode c = b1.makeDescendant("C", new UncondTogetherSampler(java.util.UUID.randomUUID()));
    SampledInputs again = a.sample(new SplittableRandom(0), ds, ds);
    assertEquals(2, again.pools().size());
    assertNotEquals(again.condDataset(b0).orElseThrow(), again.condDataset(c).orElseThrow());
  }

  @Test
  void fixedOtherSampler() {
    Dataset ds = ints(0);
    Dataset other = ints(1);
    InterpNode a = new InterpNode("A", new ExactSampler());
    InterpNode b = a.makeDescendant("B", new FixedOtherSampler(other));
    SampledInputs sampled = a.sample(new SplittableRandom(0), ds, ds);
    assertSame(other, sampled.condDataset(b).orElseThrow());
    assertThrows(ScrubbingException.class,
        () -> new FixedOtherSampler(other).sample(ds.row(0), ds, new SplittableRandom(0)));
  }

  @Test
  void funcSamplerKeepsTheFeatureOfEachReferenceRow() {
    Dataset ds = IntData.ofShape(3, 200, 2, x -> x[0] + x[1]);
    FuncSampler sampler = new FuncSampler(Feature.column("xs", 0));
    for (long seed = 0; seed < 20; seed++) {
      SplittableRandom rng = new SplittableRandom(seed);
      Dataset ref = ds.sample(30, rng);
      Dataset out = sampler.sample(ref, ds, rng);
      INDArray want = ref.values("xs").getColumn(0);
      assertEquals(want, out.values("xs").getColumn(0), "seed " + seed);
      // the unconditioned column is resampled, not copied from the reference
      assertTrue(correlation(ref.values("xs").getColumn(1).toDoubleVector(),
          out.values("xs").getColumn(1).toDoubleVector()) < 0.9, "seed " + seed);
    }
  }

  @Test
  void funcSamplerWithoutCandidatesThrows() {
    Dataset ds = IntData.ofShape(3, 20, 2, x -> x[0], 5);
    Dataset ref = IntData.of(Nd4j.createFromArray(new double[][] {{7, 1}}), new double[] {7});
    NoMatchingSamplesException e = assertThrows(NoMatchingSamplesException.class,
        () -> new FuncSampler(Feature.column("xs", 0)).sample(ref, ds, new SplittableRandom(0)));
    assertTrue(e.getMessage().contains("xs[:, 0]"), e.getMessage());
  }

  @Test
  void funcSamplerWarnsWhenCandidatesAreFewerThanNeeded() {
    Dataset ds = IntData.of(Nd4j.createFromArray(new double[][] {{1, 0}, {2, 0}}),
        new double[] {1, 2});
    Dataset ref = ds.rows(new long[] {0, 0, 0, 1});
    String log = CapturedLog.stderrOf(
        () -> new FuncSampler(Feature.column("xs", 0)).sample(ref, ds, new SplittableRandom(0)));
    assertTrue(log.contains("not enough unique dataset samples for 1 value(s) of feature xs[:, 0]"),
        log);
    assertTrue(log.contains("1 < 3"), log);
  }

  @Test
  void funcSamplerEquivalenceClassesFollowTheFeature() {
    FuncSampler sampler = new FuncSampler(Feature.array("labels"));
    Dataset a = IntData.of(Nd4j.createFromArray(new double[][] {{1, 2}}), new double[] {3});
    Dataset b = IntData.of(Nd4j.createFromArray(new double[][] {{2, 1}}), new double[] {3});
    Dataset c = IntData.of(Nd4j.createFromArray(new double[][] {{2, 2}}), new double[] {4});
    assertEquals(sampler.dsEqClass(a), sampler.dsEqClass(b));
    assertNotEquals(sampler.dsEqClass(a), sampler.dsEqClass(c));
    assertEquals("f(d)=3", sampler.describeCondition(a));
  }

  @Test
  void poolsReuseAtMostTheirSize() {
    Dataset ds = ints(0);
    PoolAnnotation pool = new PoolAnnotation(2, java.util.UUID.randomUUID());
    InterpNode root = new InterpNode("root", new ExactSampler());
    for (int i = 0; i < 12; i++) {
      root.makeDescendant("n" + i, UncondSampler.pooled(pool));
    }
    SampledInputs sampled = root.sample(new SplittableRandom(1), ds, ds);
    long distinct = root.children().stream()
        .map(n -> sampled.condDataset(n).orElseThrow()).distinct().count();
    assertEquals(2, distinct);
    assertThrows(ScrubbingException.class, () -> new PoolAnnotation(0, pool.id()));
  }

  @Test
  void implicitInputs() {
    Dataset ds = ints(0);
    Array xs = Toy.input("xs", 0);
    Array labels = Toy.input("labels", 0);
    Circuit c = Add.of(List.of(xs, labels), "C");
    Set<Circuit> found = Correspondence.toInputs(ROOT, ds.inputNames()).get(c);
    assertEquals(Set.of(xs, labels), found);
    Dataset onlyXs = ds.withInputNames(Set.of("xs"));
    assertEquals(Set.of(xs), Correspondence.toInputs(ROOT, onlyXs.inputNames()).get(c));
  }

  @Test
  void duplicateKeys() {
    InterpNode c = new InterpNode("C", new UncondSampler());
    Correspondence corr = new Correspondence();
    assertEquals(Reason.NOT_IN_CORRESPONDENCE,
        assertThrows(IllegalCorrespondenceException.class, () -> corr.replace(c, ROOT)).reason());
    corr.add(c, ROOT);
    assertEquals(Reason.DUPLICATE_NODE,
        assertThrows(IllegalCorrespondenceException.class, () -> corr.add(c, ROOT)).reason());
    assertEquals(Reason.DUPLICATE_NAME, assertThrows(IllegalCorrespondenceException.class,
        () -> corr.add(new InterpNode("C", new ExactSampler()), ROOT)).reason());
    corr.replace(c, Toy.chain(ROOT, "x"));
    assertEquals(Toy.chain(ROOT, "x"), corr.get(c));
    assertSame(c, corr.getByName("C"));
  }

  @Test
  void getRoot() {
    InterpNode a = new InterpNode("C", new UncondSampler());
    InterpNode b = a.makeDescendant("B", new UncondSampler());
    Correspondence corr = new Correspondence();
    corr.add(b, ROOT);
    corr.add(a, ROOT);
    assertSame(a, corr.getRoot());
    assertEquals(List.of(a, b), corr.inDfsOrder().stream().map(Correspondence.Entry::node)
        .toList());
    List<Correspondence.ParentedEntry> withParents = corr.inDfsOrderWithParents();
    assertEquals(null, withParents.get(0).parent());
    assertSame(a, withParents.get(1).parent());
    assertEquals(Reason.EMPTY, assertThrows(IllegalCorrespondenceException.class,
        () -> new Correspondence().getRoot()).reason());
  }

  @Test
  void mustBeConnected() {
    Correspondence corr = new Correspondence();
    corr.add(new InterpNode("A", new UncondSampler()), ROOT);
    corr.add(new InterpNode("B", new UncondSampler()), ROOT);
    assertEquals(Reason.MULTIPLE_ROOTS,
        assertThrows(IllegalCorrespondenceException.class, corr::getRoot).reason());
  }

  @Test
  void complete() {
    InterpNode a = new InterpNode("C", new UncondSampler());
    InterpNode b = a.makeDescendant("B", new UncondSampler());
    Correspondence corr = new Correspondence();
    corr.add(a, ROOT);
    assertEquals(Reason.INCOMPLETE,
        assertThrows(IllegalCorrespondenceException.class, corr::checkComplete).reason());
    corr.add(b, ROOT);
    corr.checkComplete();
    Correspondence leafOnly = new Correspondence();
    leafOnly.add(b, ROOT);
    leafOnly.checkComplete();
  }

  @Test
  void rootMustBeTheModel() {
    InterpNode a = new InterpNode("C", new UncondSampler());
    Correspondence corr = new Correspondence();
    corr.add(a, Matcher.named("C"));
    assertEquals(Reason.ROOT_NOT_MODEL,
        assertThrows(IllegalCorrespondenceException.class, corr::checkRootIsModel).reason());
    corr.replace(a, dev.circuits.core.match.IterativeMatcher.corrRootMatcher());
    corr.checkRootIsModel();
  }

  @Test
  void canSampleInterpGraphAndCorrespondence() {
    Dataset ds = ints(0);
    InterpNode c = new InterpNode("C", new UncondSampler());
    InterpNode a = c.makeDescendant("x0_A", new UncondSampler());
    InterpNode b = c.makeDescendant("x0_B", new UncondSampler());
    SampledInputs s = c.sample(new SplittableRandom(0), ds, ds);
    assertEquals(3, s.condDatasets().size());
    assertTrue(s.otherInputsDataset(c).isPresent());
    assertTrue(s.otherInputsDataset(a).isEmpty());
    assertSame(s.condDataset(a).orElseThrow(), s.get(a));
    assertSame(s.otherInputsDataset(c).orElseThrow(), s.get(c));

    Correspondence corr = new Correspondence();
    corr.add(c, ROOT);
    corr.add(a, Toy.chain(ROOT, "A", "x0"));
    corr.add(b, Toy.chain(ROOT, "B", "x0"));
    SampledInputs viaCorr = corr.sample(ds, new SplittableRandom(0), ds);
    assertEquals(s.get(b), viaCorr.get(b));
    assertEquals(s.get(c), viaCorr.get(c));
  }

  @Test
  void samplingOrderIsCondThenOtherThenChildren() {
    Dataset ds = ints(0);
    InterpNode c = new InterpNode("C", new UncondSampler());
    InterpNode a = c.makeDescendant("A", new UncondSampler());
    SampledInputs s = c.sample(new SplittableRandom(5), ds, ds);
    SplittableRandom manual = new SplittableRandom(5);
    Dataset cond = ds.sample(100, manual);
    Dataset other = ds.sample(100, manual);
    Dataset child = ds.sample(100, manual);
    assertEquals(cond, s.condDataset(c).orElseThrow());
    assertEquals(other, s.otherInputsDataset(c).orElseThrow());
    assertEquals(child, s.get(a));
  }

  @Test
  void printBeforeSampling() {
    InterpNode c = new InterpNode("C", new ExactSampler());
    c.makeDescendant("x0_A", new ExactSampler());
    c.makeDescendant("x0_B", new UncondSampler());
    String beforeSampling = """
        \u001b[90mC GeneralFunction\u001b[0m # cond_sampler=ExactSampler, other_inputs_sampler=UncondSampler
          \u001b[90mx0_A GeneralFunction\u001b[0m # cond_sampler=ExactSampler
          \u001b[90mx0_B GeneralFunction\u001b[0m # cond_sampler=UncondSampler""";
    assertEquals(beforeSampling, c.print(PrintOptions.defaults(), SampledInputs.empty(), true,
        true, 0));
    assertEquals(beforeSampling, c.printColored());
    assertEquals(beforeSampling.replaceAll("\u001b\\[\\d+m", ""), c.print(), "no colours");
  }

  @Test
  void printAfterSampling() {
    InterpNode c = new InterpNode("C", new ExactSampler());
    InterpNode a = c.makeDescendant("x0_A", new ExactSampler());
    InterpNode b = c.makeDescendant("x0_B", new UncondSampler());
    INDArray range = Nd4j.arange(10).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE);
    Dataset ds = IntData.of(range, range.toDoubleVector());
    SampledInputs s = c.sample(new SplittableRandom(11), ds, ds);
    String other = s.otherInputsDataset(c).orElseThrow().row(0).toString();
    String sampledB = s.get(b).row(0).toString();
    assertEquals("C GeneralFunction # cond_sampler=ExactSampler(d=IntDatum(xs=0, label=0)), "
        + "other_inputs_sampler=UncondSampler(d=" + other + ")\n"
        + "  x0_A GeneralFunction # cond_sampler=ExactSampler(d=IntDatum(xs=0, label=0))\n"
        + "  x0_B GeneralFunction # cond_sampler=UncondSampler(d=" + sampledB + ")",
        c.print(PrintOptions.defaults(), s, true, false, 0));
    assertTrue(other.matches("IntDatum\\(xs=(\\d), label=\\1\\)"), other);
    String colored = c.print(PrintOptions.defaults(), s, false, true, 0);
    assertTrue(colored.startsWith("\u001b[" + DatasetColors.of(ds) + "mC GeneralFunction"),
        colored);
    assertEquals(s.get(a), ds);
  }
}
