package dev.circuits.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.circuits.ioi.plot.Heatmap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

/** Heatmaps as self-contained HTML pages and inline SVG. */
class HeatmapSvgTest {
  @TempDir
  Path dir;

  private static Heatmap layerMap() {
    double[][] m = new double[3][5];
    m[0][0] = -2.0; // strongest negative: dark red
    m[2][4] = 1.0;  // positive: blue
    return Heatmap.layerByComponent(Nd4j.createFromArray(m), "Logit diff variation (flipped IO)",
        "Logit diff variation");
  }

  @Test
  void htmlIsSelfContainedAndLabelled() throws Exception {
    Path file = dir.resolve("out/map.html");
    HeatmapSvg.writeHtml(layerMap(), file);
    String html = Files.readString(file);
    assertTrue(html.contains("<svg"));
    assertFalse(html.contains("<script"), "no scripts");
    assertFalse(html.contains("http://") && html.replace("http://www.w3.org/2000/svg", "")
        .contains("http://"), "no external resources");
    assertTrue(html.contains("Logit diff variation (flipped IO)"));
    assertTrue(html.contains(">mlp<") && html.contains(">h3<") && html.contains(">Layer<"));
    assertEquals(15, html.split("</title></rect>", -1).length - 1, "one rect per cell");
    assertTrue(html.contains("fill=\"#67001f\""), "the most negative cell is dark red");
  }

  @Test
  void svgsOfDifferentScalesCanShareOnePage() {
    String diverging = HeatmapSvg.svg(layerMap());
    String attention = HeatmapSvg.svg(Heatmap.attention(
        Nd4j.createFromArray(new double[][] {{1, 0}, {0.5, 0.5}}), List.of("a", "b"), "att"));
    assertTrue(diverging.contains("url(#bar-RED_WHITE_BLUE)"), "diverging bar");
    assertTrue(attention.contains("url(#bar-WHITE_BLUE)"), "attention bar has its own gradient");
    assertFalse(attention.contains("<html"), "an SVG fragment, not a page");
  }

  @Test
  void attentionLabelsEscapeTokens() {
    Heatmap h = Heatmap.attention(Nd4j.createFromArray(new double[][] {{1, 0}, {0.25, 0.75}}),
        List.of("<|endoftext|>", " Mary & John"), "a10.h7");
    String html = HeatmapSvg.html(h);
    assertTrue(html.contains("&lt;|endoftext|&gt;") && html.contains("Mary &amp; John"));
    assertFalse(html.contains("<|endoftext|>"));
  }
}
