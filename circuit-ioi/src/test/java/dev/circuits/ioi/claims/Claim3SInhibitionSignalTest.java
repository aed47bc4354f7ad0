package dev.circuits.ioi.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Claim 3 on the planted model: its S-inhibition head sends S's identity (a token signal, no
 * position signal), so the claim that it sends IO's value is refuted.
 */
class Claim3SInhibitionSignalTest {
  @Test
  void thePlantedSignalIsSsTokenNotIosValueNorPosition() {
    ClaimContext ctx = PlantedClaims.shared(20);
    ClaimResult r = ClaimsRun.runOne(ctx, new Claim3SInhibitionSignal());
    assertFalse(r.failed(), r.reason());
    assertEquals(Verdict.REFUTED, r.verdict(), r.reason());
    assertTrue(r.reason().contains("mostly the token, and the token it carries is S's"),
        r.reason());
    assertTrue(r.reason().contains("0.00 S_pos"), r.reason());

    double ref = ctx.setup().reference();
    ReportBlock.Table grid = Claim2NameMoverKeysTest.table(r, "Mean ld with the S-inhibition "
        + "heads' outputs patched");
    assertEquals(3, grid.rows().size());
    double[][] ld = new double[3][2];
    for (int t = 0; t < 3; t++) {
      for (int p = 0; p < 2; p++) {
        ld[t][p] = Double.parseDouble(grid.rows().get(t).get(p + 1));
        assertEquals(ld[t][0], ld[t][p], 0.02 * ref, "no position signal in row " + t);
      }
    }
    assertEquals(ref, ld[0][0], 1e-3, "patching from the baseline itself");
    assertTrue(Math.abs(ld[1][0]) < 0.3 * ref, "a random S leaves no preference: " + ld[1][0]);
    assertTrue(ld[2][0] < -0.8 * ref, "S and IO swapped: the name movers pick S: " + ld[2][0]);

    ReportBlock.Table prefixes = Claim2NameMoverKeysTest.table(r, "Mean ld with the "
        + "S-inhibition outputs patched, aligned vs with random prefixes");
    for (List<String> row : prefixes.rows()) {
      assertEquals(Double.parseDouble(row.get(2)), Double.parseDouble(row.get(3)), 0.02 * ref,
          "prefix invariance: " + row);
    }
  }
}
