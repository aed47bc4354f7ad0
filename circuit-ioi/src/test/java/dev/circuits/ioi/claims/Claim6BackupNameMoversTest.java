package dev.circuits.ioi.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.circuits.core.eval.Evaluator;
import dev.circuits.ioi.planted.PlantedIoiModel;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Claim 6 on the planted model: its two name movers are the only heads writing the names, so
 * knocking them out leaves no logit difference and no backup head.
 */
class Claim6BackupNameMoversTest {
  @Test
  void knockingOutThePlantedNameMoversLeavesNothingAndSupportsTheClaim() {
    ClaimContext ctx = new ClaimContext(PlantedIoiModel.load(), PlantedIoiModel.NAME,
        ExpectedHeads.planted(PlantedIoiModel.roles()), 20, Evaluator.create(),
        ClaimProgress.NONE);
    ClaimResult r = ClaimsRun.runOne(ctx, new Claim6BackupNameMovers());

    assertFalse(r.failed(), r.reason());
    assertEquals(Verdict.SUPPORTED, r.verdict(), r.reason());
    assertTrue(r.reason().contains("knocking out 3.0, 3.1"), r.reason());
    double ref = ctx.reference().mean();
    ReportBlock.Table lds = table(r, "Logit difference after knocking out");
    assertEquals(4, lds.rows().size());
    for (List<String> row : lds.rows()) {
      double ld = Double.parseDouble(row.get(1));
      assertTrue(Math.abs(ld) < 0.05 * ref, row + " of reference " + ref);
    }
    ReportBlock.Table changes = table(r, "Strongest changes");
    assertEquals(List.of("3.0", "3.1"), changes.rows().subList(0, 2).stream()
        .map(row -> row.get(0)).toList(), "only the knocked-out heads change");
    for (List<String> row : changes.rows().subList(2, changes.rows().size())) {
      assertTrue(Math.abs(Double.parseDouble(row.get(3))) < 0.01 * ref, row.toString());
    }
    long figures = r.blocks().stream().filter(b -> b instanceof ReportBlock.Figure).count();
    assertEquals(5, figures, "before, and after + change for each knockout");
  }

  @Test
  void verdictFollowsTheThresholds() {
    // The IOI paper on GPT-2 small: 95% of the ld survives and backup heads take over.
    assertEquals(Verdict.REFUTED, Claim6BackupNameMovers.decide(0.95, 0.9, true, true));
    assertEquals(Verdict.SUPPORTED, Claim6BackupNameMovers.decide(-0.01, 0.02, false, false));
    assertEquals(Verdict.SUPPORTED, Claim6BackupNameMovers.decide(-0.5, -0.3, false, false));
    assertEquals(Verdict.PARTLY, Claim6BackupNameMovers.decide(0.5, 0.5, false, false),
        "survives without backups");
    assertEquals(Verdict.PARTLY, Claim6BackupNameMovers.decide(0.05, 0.05, true, false),
        "collapses but another head raises the ld");
    assertEquals(Verdict.PARTLY, Claim6BackupNameMovers.decide(0.05, 0.4, false, false),
        "the mean ablation does not collapse");
    assertEquals(Verdict.PARTLY, Claim6BackupNameMovers.decide(0.15, 0.15, true, true),
        "between the thresholds");
  }

  private static ReportBlock.Table table(ClaimResult r, String captionStart) {
    return r.blocks().stream().filter(b -> b instanceof ReportBlock.Table)
        .map(b -> (ReportBlock.Table) b).filter(t -> t.caption().startsWith(captionStart))
        .findFirst().orElseThrow(() -> new AssertionError("no table '" + captionStart + "'"));
  }
}
