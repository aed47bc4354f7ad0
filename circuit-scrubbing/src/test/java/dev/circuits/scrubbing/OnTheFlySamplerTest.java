package dev.circuits.scrubbing;

import static dev.circuits.scrubbing.Toy.ROOT;
import static dev.circuits.scrubbing.Toy.at;
import static dev.circuits.scrubbing.Toy.chain;
import static dev.circuits.scrubbing.Toy.times;
import static dev.circuits.scrubbing.Toy.xs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.circuits.core.Add;
import dev.circuits.core.Array;
import dev.circuits.core.Circuit;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** On-the-fly conditional sampling: fresh rows that keep a column, checked and retried. */
class OnTheFlySamplerTest {
  private static final Dataset DS = IntData.ofShape(2, 50, 2, x -> 2 * x[0] + 3 * x[1]);

  /** Keeps column {@code keep} of each reference row, draws the other in [0, 100); relabels. */
  private record KeepColumn(int keep, double breakProbability) implements DataSource {
    @Override
    public Dataset generate(Dataset ref, RandomGenerator rng) {
      INDArray x = ref.values("xs");
      int n = ref.size();
      double[] out = new double[2 * n];
      double[] labels = new double[n];
      for (int i = 0; i < n; i++) {
        double kept = x.getDouble(i, keep);
        if (rng.nextDouble() < breakProbability) {
          kept += 1000;
        }
        out[2 * i + keep] = kept;
        out[2 * i + 1 - keep] = rng.nextInt(100);
        labels[i] = 2 * out[2 * i] + 3 * out[2 * i + 1];
      }
      return IntData.of(Nd4j.create(out, new long[] {n, 2}, DataType.DOUBLE), labels);
    }
  }

  private static OnTheFlySampler keep(int col) {
    return new OnTheFlySampler(new KeepColumn(col, 0), Feature.column("xs", col));
  }

  @Test
  void freshRowsMeetTheConditionWhereFilteringRunsDry() {
    Dataset ref = IntData.of(Nd4j.createFromArray(new double[][] {{42, 1}, {77, 2}}),
        new double[] {87, 160});
    assertThrows(NoMatchingSamplesException.class,
        () -> new FuncSampler(Feature.column("xs", 0)).sample(ref, DS, new SplittableRandom(0)));
    Dataset out = keep(0).sample(ref, DS, new SplittableRandom(0));
    assertEquals(ref.values("xs").getColumn(0), out.values("xs").getColumn(0));
    assertEquals("f(d)=42", keep(0).describeCondition(ref.row(0)));
  }

  @Test
  void seededAndReproducible() {
    Dataset a = keep(1).sample(DS, DS, new SplittableRandom(9));
    Dataset b = keep(1).sample(DS, DS, new SplittableRandom(9));
    Dataset c = keep(1).sample(DS, DS, new SplittableRandom(10));
    assertEquals(a, b);
    assertTrue(!a.equals(c));
  }

  @Test
  void rowsBreakingTheConditionAreRegenerated() {
    OnTheFlySampler flaky =
        new OnTheFlySampler(new KeepColumn(0, 0.5), Feature.column("xs", 0), 30);
    Dataset out = flaky.sample(DS, DS, new SplittableRandom(4));
    assertEquals(DS.values("xs").getColumn(0), out.values("xs").getColumn(0));
  }

  @Test
  void aSourceThatNeverMeetsTheConditionFails() {
    AtomicInteger calls = new AtomicInteger();
    DataSource broken = (ref, rng) -> {
      calls.incrementAndGet();
      return new KeepColumn(0, 1.0).generate(ref, rng);
    };
    ConditionNotMetException e = assertThrows(ConditionNotMetException.class,
        () -> new OnTheFlySampler(broken, Feature.column("xs", 0), 3)
            .sample(DS.row(0), DS, new SplittableRandom(0)));
    assertEquals(3, calls.get());
    assertTrue(e.getMessage().contains("xs[:, 0]"), e.getMessage());
  }

  @Test
  void aSourceMustReturnOneRowPerReferenceRowWithTheSameArrays() {
    DataSource tooFew = (ref, rng) -> ref.row(0);
    assertThrows(ScrubbingException.class, () -> new OnTheFlySampler(tooFew,
        Feature.column("xs", 0)).sample(DS.rows(new long[] {0, 1}), DS, new SplittableRandom(0)));
    DataSource otherArrays = (ref, rng) -> Dataset.of(Array.wrap(ref.values("xs"), "xs"));
    assertThrows(ScrubbingException.class, () -> new OnTheFlySampler(otherArrays,
        Feature.column("xs", 0)).sample(DS, DS, new SplittableRandom(0)));
    assertThrows(ScrubbingException.class,
        () -> new OnTheFlySampler(tooFew, Feature.column("xs", 0), 0));
  }

  @Test
  void scrubbingWithOnTheFlySamplers() {
    Array x = xs(0, 1);
    Circuit c = Add.of(List.of(times(at(x, 0, null), 2, "A"), times(at(x, 1, null), 3, "B")), "C");
    ToyRuns.run(c, DS, interpretation(keep(0), keep(1)), l -> l == 0, 20);
    // the wrong story (A depends on x1) is caught: A gets fresh x0 values in [0, 100)
    ToyRuns.run(c, DS, interpretation(keep(1), keep(1)), l -> l > 10, 20);
  }

  private static Correspondence interpretation(CondSampler forA, CondSampler forB) {
    InterpNode ct = new InterpNode("Ct", new ExactSampler());
    Correspondence corr = new Correspondence();
    corr.add(ct, ROOT);
    corr.add(ct.makeDescendant("At", forA), chain(ROOT, "A"));
    corr.add(ct.makeDescendant("Bt", forB), chain(ROOT, "B"));
    return corr;
  }
}
