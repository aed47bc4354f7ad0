package dev.circuits.scrubbing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.circuits.core.Array;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Dataset construction rules, row indexing, sampling, equality and printing. */
class DatasetTest {
  private static Dataset small() {
    Map<String, INDArray> m = new LinkedHashMap<>();
    m.put("xs", Nd4j.create(new double[] {0, 1, 2, 3, 4, 5}, new long[] {3, 2}, DataType.DOUBLE));
    m.put("ids", Nd4j.createFromArray(new long[] {7, 8, 9}));
    return Dataset.of(m);
  }

  @Test
  void constructionRules() {
    Array a = Array.wrap(Nd4j.zeros(3, 2), "a");
    assertThrows(DatasetException.class, () -> Dataset.of(List.of()));
    assertThrows(DatasetException.class, () -> Dataset.of(Array.wrap(Nd4j.zeros(3), null)));
    assertThrows(DatasetException.class, () -> Dataset.of(Array.wrap(Nd4j.scalar(1.0), "s")));
    DatasetException lengths = assertThrows(DatasetException.class,
        () -> Dataset.of(a, Array.wrap(Nd4j.zeros(4), "b")));
    assertTrue(lengths.getMessage().contains("'a' has 3 rows and 'b' has 4"),
        lengths.getMessage());
    assertThrows(DatasetException.class, () -> Dataset.of(a, Array.wrap(Nd4j.ones(3, 2), "a")));
    assertEquals(1, Dataset.of(a, a).arrays().size());
    assertEquals(Set.of("a"), Dataset.of(a).inputNames());
    assertThrows(DatasetException.class, () -> Dataset.of(a).withInputNames(Set.of("b")));
    assertThrows(DatasetException.class, () -> small().get("nope"));
  }

  @Test
  void inputNamesDefaultToAllAndCanBeNarrowed() {
    Dataset d = small();
    assertEquals(Set.of("xs", "ids"), d.inputNames());
    Dataset narrowed = d.withInputNames(Set.of("xs"));
    assertEquals(Set.of("xs"), narrowed.inputNames());
    assertEquals(Set.of("xs", "ids"), narrowed.withInputNames(Set.of()).inputNames());
    assertNotEquals(d, narrowed);
  }

  @Test
  void rowsKeepOrderRepeatsAndTrailingShape() {
    Dataset d = small();
    Dataset picked = d.rows(new long[] {2, 0, 2});
    assertEquals(3, picked.size());
    assertEquals(Nd4j.create(new double[] {4, 5, 0, 1, 4, 5}, new long[] {3, 2}, DataType.DOUBLE),
        picked.values("xs"));
    assertEquals(Nd4j.createFromArray(new long[] {9, 7, 9}), picked.values("ids"));
    assertEquals(picked.inputNames(), d.inputNames());
    Dataset one = d.row(1);
    assertEquals(1, one.size());
    assertEquals("Datum(xs=[2, 3], ids=8)", one.toString());
    assertEquals("[<xs [3,2]>, <ids [3]>]", d.toString());
    assertThrows(DatasetException.class, () -> d.rows(new long[] {3}));

    INDArray cube = Nd4j.arange(24).reshape(4, 3, 2).castTo(DataType.FLOAT);
    Dataset c = Dataset.of(Array.wrap(cube, "c"));
    assertEquals(cube.slice(3), c.row(3).values("c").slice(0));
    assertEquals("Datum(c=[[18, 19], [20, 21], [22, 23]])", c.row(3).toString());
  }

  @Test
  void sampleIsSeededWithReplacementAndUniform() {
    Dataset d = Dataset.of(Array.wrap(Nd4j.arange(10).castTo(DataType.DOUBLE), "x"));
    assertEquals(d.sample(50, new SplittableRandom(3)), d.sample(50, new SplittableRandom(3)));
    assertNotEquals(d.sample(50, new SplittableRandom(3)), d.sample(50, new SplittableRandom(4)));
    int[] counts = new int[10];
    for (double v : d.sample(5000, new SplittableRandom(1)).values("x").toDoubleVector()) {
      counts[(int) v]++;
    }
    for (int c : counts) {
      assertTrue(c > 400 && c < 600, "count " + c);
    }
    assertEquals(30, d.sample(30, new SplittableRandom(0)).size());
  }

  @Test
  void equalityIsByContentNamesAndInputs() {
    assertEquals(small(), small());
    assertEquals(small().hashCode(), small().hashCode());
    assertEquals(small(), small().rows(new long[] {0, 1, 2}));
    assertNotEquals(small(), small().rows(new long[] {0, 2, 1}));
    assertEquals(small(), small().withFormatter(d -> "custom"));
    assertEquals("custom", small().withFormatter(d -> "custom").row(0).toString());
  }

  @Test
  void concatStacksRows() {
    Dataset d = small();
    Dataset both = Dataset.concat(List.of(d.row(2), d.rows(new long[] {0, 1})));
    assertEquals(d.rows(new long[] {2, 0, 1}), both);
    Dataset other = Dataset.of(Array.wrap(Nd4j.zeros(1), "z"));
    assertThrows(DatasetException.class, () -> Dataset.concat(List.of(d, other)));
  }
}
