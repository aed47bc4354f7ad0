package dev.circuits.ioi.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.circuits.gpt2.model.Head;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Claim 2 on the planted model: its name movers look at IO whatever name sits there in their
 * keys, and the heads Q-composing with them are the planted S-inhibition head.
 */
class Claim2NameMoverKeysTest {
  @Test
  void keyPatchLeavesAttentionAndLdAndFindsTheSInhibitionHead() {
    ClaimContext ctx = PlantedClaims.shared(20);
    ClaimResult r = ClaimsRun.runOne(ctx, new Claim2NameMoverKeys());
    assertFalse(r.failed(), r.reason());
    assertEquals(Verdict.SUPPORTED, r.verdict(), r.reason());
    assertEquals(List.of(new Head(2, 0)), ctx.sInhibition());
    assertTrue(r.reason().contains("(abc): 2.0"), r.reason());

    ReportBlock.Table attention = table(r, "Name mover attention from END");
    List<String> clean = attention.rows().get(2);
    List<String> patched = attention.rows().get(attention.rows().size() - 1);
    assertEquals(List.of("mean clean", "mean keys from flipped IO"), List.of(clean.get(0),
        patched.get(0)));
    assertTrue(Double.parseDouble(clean.get(1)) > 0.95, "on IO: " + clean);
    assertTrue(Double.parseDouble(patched.get(1)) > 0.95, "still on IO: " + patched);
    assertTrue(Double.parseDouble(patched.get(2)) < 0.02, "not on S1: " + patched);
    ReportBlock.Table found = table(r, "Heads that Q-compose");
    assertEquals(4, found.rows().size(), "group x {abc, flipped-s} and each name mover");
    for (List<String> row : found.rows()) {
      assertEquals("2.0", row.get(2), "found heads for " + row);
    }
    ReportBlock.Table sin = table(r, "S-inhibition -> queries patched");
    double ioAfter = Double.parseDouble(sin.rows().get(sin.rows().size() - 1).get(1));
    assertTrue(ioAfter < 0.5, "without the S-inhibition signal the name movers leave IO: "
        + ioAfter);
    long figures = r.blocks().stream().filter(b -> b instanceof ReportBlock.Figure).count();
    assertEquals(6, figures, "attention x2, group sweeps x2, per-head sweeps x2");
  }

  static ReportBlock.Table table(ClaimResult r, String captionPart) {
    return r.blocks().stream().filter(b -> b instanceof ReportBlock.Table t
            && t.caption().contains(captionPart)).map(b -> (ReportBlock.Table) b)
        .findFirst().orElseThrow(() -> new AssertionError("no table '" + captionPart + "'"));
  }
}
