package dev.circuits.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Scalar values print as Rust's f64 Display and parse with rust_circuit's number rules. */
class ScalarFormatTest {
  @Test
  void printsLikeRustDisplay() {
    assertEquals("1", ScalarFormat.format(1.0));
    assertEquals("1.2", ScalarFormat.format(1.2));
    assertEquals("-10000", ScalarFormat.format(-10000.0));
    assertEquals("0.00001", ScalarFormat.format(1e-5));
    assertEquals("0.017857142857142856", ScalarFormat.format(1.0 / 56));
    assertEquals("0.0000001", ScalarFormat.format(1e-7));
    assertEquals("1000000000000000000000", ScalarFormat.format(1e21));
    assertEquals("100000000000000000000000", ScalarFormat.format(1e23));
    assertEquals("0.30000000000000004", ScalarFormat.format(0.1 + 0.2));
    assertEquals("-0", ScalarFormat.format(-0.0));
    assertEquals("0", ScalarFormat.format(0.0));
    assertEquals("inf", ScalarFormat.format(Double.POSITIVE_INFINITY));
    assertEquals("-inf", ScalarFormat.format(Double.NEGATIVE_INFINITY));
    assertEquals("NaN", ScalarFormat.format(Double.NaN));
    assertEquals("0." + "0".repeat(323) + "5", ScalarFormat.format(Double.MIN_VALUE));
    assertEquals("2.5", ScalarFormat.format(2.5));
  }

  @Test
  void shortestRoundTrips() {
    Random r = new Random(7);
    for (int i = 0; i < 2000; i++) {
      double v = Double.longBitsToDouble(r.nextLong());
      if (Double.isNaN(v) || Double.isInfinite(v)) {
        continue;
      }
      String s = ScalarFormat.format(v);
      assertEquals(v, Double.parseDouble(s), s);
      String digits = ScalarFormat.shortest(v).unscaledValue().abs().toString()
          .replaceAll("0+$", "");
      assertEquals(true, digits.length() <= 17, s);
    }
  }

  @Test
  void parsesRustNumbers() {
    assertEquals(1.0, ScalarFormat.parseDouble("1."));
    assertEquals(1e-5, ScalarFormat.parseDouble("1e-5"));
    assertEquals(-10000.0, ScalarFormat.parseDouble("-10_000.0"));
    assertEquals(Double.NEGATIVE_INFINITY, ScalarFormat.parseDouble("-inf"));
    assertThrows(NumberFormatException.class, () -> ScalarFormat.parseDouble("1d"));
    assertThrows(NumberFormatException.class, () -> ScalarFormat.parseDouble("_1.1"));
    assertThrows(NumberFormatException.class, () -> ScalarFormat.parseDouble("0x1p3"));
    assertEquals(-3L, ScalarFormat.parseLong("-3"));
    assertThrows(NumberFormatException.class, () -> ScalarFormat.parseLong("1.5"));
  }
}
