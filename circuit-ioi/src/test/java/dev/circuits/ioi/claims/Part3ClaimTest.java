package dev.circuits.ioi.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.circuits.gpt2.model.Head;
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
    assertTrue(r.blocks().stream().anyMatch(b -> b instanceof ReportBlock.Figure f
        && f.fileName().equals("claim1-direct-flipped-io.png")), "the flipped-IO heatmap");
    assertTrue(r.blocks().stream().anyMatch(b -> b instanceof ReportBlock.Table t
        && t.rows().stream().flatMap(List::stream).anyMatch(c -> c.contains("POS_NM (3.0, 3.1)"))),
        "moving pieces table");
  }
}
