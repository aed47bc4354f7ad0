package dev.circuits.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.circuits.ioi.claims.Claim;
import dev.circuits.ioi.claims.ClaimContext;
import dev.circuits.ioi.claims.ClaimProgress;
import dev.circuits.ioi.claims.ClaimReport;
import dev.circuits.ioi.claims.ClaimResult;
import dev.circuits.ioi.claims.RunInfo;
import dev.circuits.ioi.claims.Verdict;
import dev.circuits.ioi.experiments.SweepMatrix;
import dev.circuits.ioi.plot.ScatterPlot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The markdown and HTML reports: every block kind, escaping, self-contained HTML, atomic files. */
class ReportWriterTest {
  private static final RunInfo INFO = new RunInfo("./circuits ioi claims --claim 1,2", "tiny",
      4, "none (unknown model)", "2024-01-01T00:00:00Z", 1.5);
  private static final ScatterPlot SCATTER = new ScatterPlot("points", "x", "y",
      List.of(new ScatterPlot.Series("s", new double[] {0, 1}, new double[] {1, 0})));

  /** A claim with id {@code id} that does nothing when run. */
  private static Claim claim(String id) {
    return new Claim() {
      @Override
      public String id() {
        return id;
      }

      @Override
      public String title() {
        return "scripted claim " + id;
      }

      @Override
      public String statement() {
        return "Claim " + id + " holds.";
      }

      @Override
      public void run(ClaimContext context, ClaimReport report) {}
    };
  }

  /** Claim 1 with every block kind (a heatmap, a PNG-only scatter plot); claim 2 refuted. */
  private static List<ClaimResult> results() {
    ClaimReport one = new ClaimReport(claim("1"), ClaimProgress.NONE);
    one.text("Heads `9.9` and <b>& \"quoted\"</b>, an unmatched ` tick.");
    one.code("a < b && c\n");
    one.table("Table <caption>", List.of("head", "value|bar"),
        List.of(List.of("`3.0`", "1 < 2"), List.of("3.1", "x & y")));
    one.sweep("direct effect", new SweepMatrix(List.of("0", "1"), List.of("h0", "h1", "mlp"),
        new double[][] {{0.5, -1, 0}, {0, 0.2, 0}}, 2, 0), "Logit diff variation",
        "A heatmap caption");
    one.figure("plain", SCATTER, "A PNG-only figure");
    one.verdict(Verdict.SUPPORTED, "ld %.2f > %d", 3.14159, 2);
    ClaimReport two = new ClaimReport(claim("2"), ClaimProgress.NONE);
    two.verdict(Verdict.REFUTED, "because x < y");
    return List.of(one.result(1.5), two.result(0.5));
  }

  @Test
  void markdownHasTheVerdictTableAndEveryBlockKind() {
    String md = ReportWriter.markdown(INFO, results());
    assertTrue(md.contains("| claim | verdict | why | time |"), md);
    assertTrue(md.contains("| 1. scripted claim 1 | **supported** | ld 3.14 > 2 | 1.5 s |"), md);
    assertTrue(md.contains("| 2. scripted claim 2 | **refuted** | because x < y |"), md);
    assertTrue(md.contains("## Claim 1: scripted claim 1"), md);
    assertTrue(md.contains("> Claim 1 holds."), md);
    assertTrue(md.contains("Heads `9.9` and"), md);
    assertTrue(md.contains("```\na < b && c\n```"), md);
    assertTrue(md.contains("| head | value\\|bar |"), "pipes in cells are escaped: " + md);
    assertTrue(md.contains("| `3.0` | 1 < 2 |"), md);
    assertTrue(md.contains("![A heatmap caption](claim1-direct_effect.png)"), md);
    assertTrue(md.contains("![A PNG-only figure](claim1-plain.png)"), md);
    assertTrue(md.contains("Command: `./circuits ioi claims --claim 1,2`"), md);
  }

  @Test
  void htmlIsSelfContainedWithEscapingAndCodeSpans() {
    String html = ReportWriter.html(INFO, results());
    assertTrue(html.startsWith("<!DOCTYPE html>"), html);
    assertTrue(html.contains("<table class=\"summary\">"), html);
    assertTrue(html.contains("<span class=\"badge supported\">supported</span>"), html);
    assertTrue(html.contains("<span class=\"badge refuted\">refuted</span>"), html);
    assertTrue(html.contains("<a href=\"#claim1\">"), html);
    assertTrue(html.contains("<section id=\"claim2\">"), html);
    assertTrue(html.contains("Heads <code>9.9</code> and &lt;b&gt;&amp; &quot;quoted&quot;"
        + "&lt;/b&gt;, an unmatched ` tick."), html);
    assertTrue(html.contains("<pre>a &lt; b &amp;&amp; c</pre>"), html);
    assertTrue(html.contains("<caption>Table &lt;caption&gt;</caption>"), html);
    assertTrue(html.contains("<td><code>3.0</code></td><td>1 &lt; 2</td>"), html);
    assertTrue(html.contains("because x &lt; y"), html);
    assertTrue(html.contains("<svg"), "the heatmap is inlined as SVG");
    assertTrue(html.contains("src=\"data:image/png;base64,iVBOR"),
        "the PNG-only figure is inlined as base64");
    assertFalse(html.contains("claim1-direct_effect.png"), "no reference to the PNG files");
    assertFalse(html.contains("src=\"http"), "no external images");
    assertFalse(html.contains("href=\"http"), "no external links");
    assertFalse(html.contains("<script"), "no scripts");
    assertFalse(html.contains("<link"), "no external style sheets");
  }

  @Test
  void writesTheFilesIntoANewDirectory(@TempDir Path tmp) throws IOException {
    Path dir = tmp.resolve("new").resolve("report");
    ReportWriter.write(dir, INFO, results());
    assertEquals(ReportWriter.markdown(INFO, results()),
        Files.readString(dir.resolve(ReportWriter.MARKDOWN), StandardCharsets.UTF_8));
    assertEquals(ReportWriter.html(INFO, results()),
        Files.readString(dir.resolve(ReportWriter.HTML), StandardCharsets.UTF_8));
    for (String png : List.of("claim1-plain.png", "claim1-direct_effect.png")) {
      byte[] bytes = Files.readAllBytes(dir.resolve(png));
      assertEquals((byte) 0x89, bytes[0], png);
      assertEquals("PNG", new String(bytes, 1, 3, StandardCharsets.US_ASCII), png);
    }
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of("claim1-direct_effect.png", "claim1-plain.png", "index.html",
          "report.md"), files.map(p -> p.getFileName().toString()).sorted().toList(),
          "no temporary files are left behind");
    }
    ReportWriter.write(dir, INFO, results().subList(1, 2));
    assertFalse(Files.readString(dir.resolve(ReportWriter.MARKDOWN)).contains("Claim 1:"),
        "a second run replaces the report");
  }

  @Test
  void warningsStandAboveTheResultsInBothFormats() {
    RunInfo info = new RunInfo("cmd", "m", 4, "none", "now", 1, List.of("look <out>"));
    String md = ReportWriter.markdown(info, List.of());
    String html = ReportWriter.html(info, List.of());
    assertTrue(md.contains("> **Warning:** look <out>"), md);
    assertTrue(html.contains("<p class=\"warning\"><strong>Warning:</strong> look &lt;out&gt;</p>"),
        html);
    assertTrue(html.indexOf("class=\"warning\"") < html.indexOf("class=\"summary\""));
  }
}
