package dev.circuits.ioi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.circuits.core.internal.PythonRandom;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Expected values are CPython 3.11's {@code random} module outputs. */
class PythonRandomTest {
  @Test
  void firstFiveGetrandbits32AfterSeed42MatchTheFixture() {
    Map<String, Object> json = IoiWords.readBundledJson();
    List<?> expected = (List<?>) json.get("python_random_seed42_getrandbits32_first5");
    PythonRandom r = new PythonRandom(42);
    for (Object e : expected) {
      assertEquals(((Long) e).longValue(), r.getrandbits(32));
    }
  }

  @Test
  void randomMatchesCpython() {
    PythonRandom r = new PythonRandom(42);
    assertEquals(0.6394267984578837, r.random());
    assertEquals(0.025010755222666936, r.random());
    assertEquals(0.27502931836911926, r.random());
    assertEquals(0.32383276483316237, new PythonRandom(-7).random(), "seed uses |n|");
  }

  @Test
  void choiceFollowsRandbelowRejection() {
    // random.seed(42); [random.choice(range(99)) for _ in range(10)]
    PythonRandom r = new PythonRandom(42);
    List<Integer> range = IntStream.range(0, 99).boxed().collect(Collectors.toList());
    List<Integer> got = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      got.add(r.choice(range));
    }
    assertEquals(List.of(81, 14, 3, 94, 35, 31, 28, 17, 94, 13), got);

    // The same stream by hand: getrandbits(7) = uint32 >>> 25, redrawn while >= 99.
    PythonRandom raw = new PythonRandom(42);
    List<Integer> manual = new ArrayList<>();
    while (manual.size() < 10) {
      long v = raw.nextUint32() >>> 25;
      if (v < 99) {
        manual.add((int) v);
      }
    }
    assertEquals(got, manual);
  }

  @Test
  void choiceOfOneElementStillConsumesOutput() {
    PythonRandom a = new PythonRandom(42);
    PythonRandom b = new PythonRandom(42);
    assertEquals("x", a.choice(List.of("x")));
    b.randbelow(1);
    assertEquals(b.nextUint32(), a.nextUint32());
  }

  @Test
  void largeSeedsUseAll32BitWords() {
    assertEquals(2166296868L, new PythonRandom((1L << 40) + 5).getrandbits(32));
    assertEquals(2166296868L, new PythonRandom(BigInteger.ONE.shiftLeft(40).add(BigInteger.valueOf(5)))
        .getrandbits(32));
  }

  @Test
  void getrandbitsAbove32FillsLeastSignificantWordFirst() {
    assertEquals(new BigInteger("7106521602475165645"), new PythonRandom(0).getrandbitsBig(64));
    PythonRandom r = new PythonRandom(42);
    List<Integer> x = IntStream.range(0, 10).boxed().collect(Collectors.toList());
    r.shuffle(x);
    assertEquals(List.of(7, 3, 2, 8, 5, 6, 9, 4, 0, 1), x);
    assertEquals(5, r.randint(1, 6));
    assertEquals(new BigInteger("81588941661909768552652673433"), r.getrandbitsBig(100));
  }

  @Test
  void copyIsIndependent() {
    PythonRandom r = new PythonRandom(42);
    r.random();
    PythonRandom c = r.copy();
    long[] a = {r.nextUint32(), r.nextUint32()};
    long[] b = {c.nextUint32(), c.nextUint32()};
    assertArrayEquals(a, b);
    r.seed(42);
    assertEquals(2746317213L, r.getrandbits(32));
    assertEquals(0L, r.getrandbits(0));
    assertTrue(r.randrange(3, 5) >= 3);
  }

  @Test
  void badArgumentsAreRejectedWithTheirValue() {
    PythonRandom r = new PythonRandom(1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.randbelow(0));
    assertTrue(e.getMessage().contains("got 0"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> r.choice(List.of()));
    assertThrows(IllegalArgumentException.class, () -> r.randrange(5, 5));
    assertThrows(IllegalArgumentException.class, () -> r.getrandbits(64));
    assertThrows(IllegalArgumentException.class, () -> r.getrandbitsBig(-1));
  }
}
