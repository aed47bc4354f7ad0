package dev.circuits.ioi.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.circuits.ioi.plot.Heatmap;
import dev.circuits.ioi.plot.ScatterPlot;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** A claim's report: blocks in order, figure file names, verdicts and progress. */
class ClaimReportTest {
  private static final Claim SIX = ClaimFixtures.claim("6", (c, r) -> { });

  @Test
  void figureFilesArePrefixedWithTheClaimIdAndSanitised() {
    ClaimReport r = new ClaimReport(SIX, ClaimProgress.NONE);
    r.figure("plain", new ScatterPlot("p", "x", "y",
        List.of(new ScatterPlot.Series("s", new double[] {1}, new double[] {2}))), "caption");
    r.sweep("direct after/knockout (ABC)", ClaimFixtures.sweep(1, new double[] {1, -1, 0}),
        "title", "caption");
    r.attention("attention-3.0", Nd4j.eye(2), List.of("a", "<b>"), "3.0", "caption");
    List<String> names = r.blocks().stream().map(b -> ((ReportBlock.Figure) b).fileName())
        .toList();
    assertEquals(List.of("claim6-plain.png", "claim6-direct_after_knockout__ABC_.png",
        "claim6-attention-3.0.png"), names);
    assertTrue(((ReportBlock.Figure) r.blocks().get(0)).chart() instanceof ScatterPlot);
    assertTrue(((ReportBlock.Figure) r.blocks().get(1)).chart() instanceof Heatmap h
        && h.columnLabels().equals(List.of("h0", "h1", "mlp")), "sweeps become heatmaps");
  }

  @Test
  void aReportWithoutVerdictIsInconclusive() {
    ClaimReport r = new ClaimReport(SIX, ClaimProgress.NONE);
    r.text("nothing decided");
    ClaimResult res = r.result(2);
    assertEquals(Verdict.INCONCLUSIVE, res.verdict());
    assertTrue(res.reason().contains("no verdict"), res.reason());
    assertFalse(res.failed());
    assertEquals("6", res.id());
    assertEquals(SIX.statement(), res.statement());
    assertEquals(2, res.seconds());
  }

  @Test
  void verdictAndTextFormatInTheRootLocale() {
    Locale saved = Locale.getDefault();
    Locale.setDefault(Locale.GERMANY);
    try {
      ClaimReport r = new ClaimReport(SIX, ClaimProgress.NONE);
      r.text("ld %.2f", 1.5);
      r.text("100% literal without arguments");
      r.verdict(Verdict.PARTLY, "share %.1f%%", 12.34);
      ClaimResult res = r.result(0);
      assertEquals("share 12.3%", res.reason());
      assertEquals(Verdict.PARTLY, res.verdict());
      assertEquals("ld 1.50", ((ReportBlock.Text) res.blocks().get(0)).text());
      assertEquals("100% literal without arguments",
          ((ReportBlock.Text) res.blocks().get(1)).text());
    } finally {
      Locale.setDefault(saved);
    }
  }

  @Test
  void failMakesTheResultInconclusiveAndFailed() {
    ClaimReport r = new ClaimReport(SIX, ClaimProgress.NONE);
    r.verdict(Verdict.SUPPORTED, "looked fine");
    r.fail(new IllegalArgumentException("bad head 99.0"));
    ClaimResult res = r.result(0);
    assertTrue(res.failed());
    assertEquals(Verdict.INCONCLUSIVE, res.verdict());
    assertTrue(res.reason().contains("bad head 99.0"), res.reason());
  }

  @Test
  void stepsDriveTheProgress() {
    List<String> seen = new ArrayList<>();
    ClaimReport r = new ClaimReport(SIX, (claim, step, done, total) ->
        seen.add(claim + " " + step + " " + done + "/" + total));
    r.steps(2);
    r.step("first");
    r.step("second");
    r.step("one too many");
    r.result(0);
    assertEquals(List.of("6 starting 0/2", "6 first 0/2", "6 second 1/2", "6 one too many 2/2",
        "6 done 2/2"), seen);
  }

  @Test
  void tablesRejectRaggedRowsNamingTheRow() {
    ClaimReport r = new ClaimReport(SIX, ClaimProgress.NONE);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> r.table("t", List.of("a", "b"), List.of(List.of("1", "2"), List.of("3"))));
    assertTrue(e.getMessage().contains("row 1"), e.getMessage());
  }
}
