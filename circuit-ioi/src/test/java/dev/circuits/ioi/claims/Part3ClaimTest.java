package dev.circuits.ioi.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.circuits.gpt2.model.AttentionPatterns.Head;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Part 3 on the planted model: its name movers are found and no head pushes S over IO. */
class Part3ClaimTest {
  @Test
  void findsThePlantedNameMoversAndSupportsClaim1() {
    ClaimContext ctx = PlantedClaims.context(20);
    ClaimResult r = ClaimsRun.runOne(ctx, new Part3Claim());
    assertFalse(r.failed(), r.reason());
    assertEquals(Verdict.SUPPORTED, r.verdict(), r.reason());
    assertEquals(List.of(new Head(3, 0), new Head(3, 1)), ctx.nameMovers());
    assertTrue(ctx.negativeNameMovers().isEmpty(), "planted model has no negative name mover");
    assertTrue(r.reason().contains("3.0, 3.1"), r.reason());
    long figures = r.blocks().stream().filter(b -> b instanceof ReportBlock.Figure).count();
    assertTrue(figures >= 7, "heatmaps and attention plots: " + figures);
    String md = ReportWriter.markdown(new RunInfo("cmd", "planted-ioi", 20, "x", "now", 1),
        List.of(r));
    assertTrue(md.contains("Logit diff variation") || md.contains("claim1-direct-flipped-io.png"),
        md);
    assertTrue(md.contains("POS_NM (3.0, 3.1)"), "moving pieces table");
  }
}
