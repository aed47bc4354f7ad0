package dev.circuits.ioi.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The least-squares fit ld ~ a S_pos + b S_tok. */
class SignalFitTest {
  private static final double[] POS = {1, -1, 1, -1, 1, -1};
  private static final double[] TOK = {1, 1, 0, 0, -1, -1};

  @Test
  void recoversExactCoefficientsOnRandomGrids() {
    Random rnd = new Random(3);
    for (int trial = 0; trial < 20; trial++) {
      double a = rnd.nextGaussian() * 3;
      double b = rnd.nextGaussian() * 3;
      double[] ld = new double[POS.length];
      for (int i = 0; i < ld.length; i++) {
        ld[i] = a * POS[i] + b * TOK[i];
      }
      SignalFit fit = SignalFit.of(POS, TOK, ld);
      assertEquals(a, fit.position(), 1e-9);
      assertEquals(b, fit.token(), 1e-9);
      assertEquals(0, fit.meanRelativeError(), 1e-9);
    }
  }

  @Test
  void reproducesThePapersFit() {
    double[] paper = {3.55, -0.99, 2.45, -1.96, 1.77, -3.16};
    SignalFit fit = SignalFit.of(POS, TOK, paper);
    assertEquals(2.31, fit.position(), 0.005);
    assertEquals(0.99, fit.token(), 0.005);
    assertEquals(0.30, fit.tokenShare(), 0.005);
  }

  @Test
  void collinearColumnsAreRejected() {
    assertThrows(IllegalArgumentException.class,
        () -> SignalFit.of(POS, POS, new double[] {1, 2, 3, 4, 5, 6}));
    assertThrows(IllegalArgumentException.class,
        () -> SignalFit.of(POS, TOK, new double[] {1, 2}));
  }
}
