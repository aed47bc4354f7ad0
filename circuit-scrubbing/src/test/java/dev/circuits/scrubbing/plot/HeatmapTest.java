package dev.circuits.scrubbing.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

/** Heatmaps in REMIX's show_mtx conventions, as HTML and PNG. */
class HeatmapTest {
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
  void layerMapFollowsShowMtxConventions() {
    Heatmap h = layerMap();
    assertEquals(List.of("h0", "h1", "h2", "h3", "mlp"), h.columnLabels());
    assertEquals(List.of("0", "1", "2"), h.rowLabels());
    assertEquals(-2.0, h.min(), 1e-12);
    assertEquals(2.0, h.max(), 1e-12);
    assertEquals("Head", h.xTitle());
    assertEquals("Layer", h.yTitle());
    assertEquals(0.5, h.fraction(0.0), 1e-12);
    assertEquals(new Color(103, 0, 31), h.scale().at(h.fraction(-2.0)));
    assertEquals(new Color(247, 247, 247), h.scale().at(h.fraction(0.0)));
    Color positive = h.scale().at(h.fraction(1.0));
    assertTrue(positive.getBlue() > positive.getRed(), "positive values are blue: " + positive);
  }

  @Test
  void htmlIsSelfContainedAndLabelled() throws Exception {
    Path file = dir.resolve("out/map.html");
    layerMap().writeHtml(file);
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
    String diverging = layerMap().toSvg();
    String attention = Heatmap.attention(Nd4j.createFromArray(new double[][] {{1, 0}, {0.5, 0.5}}),
        List.of("a", "b"), "att").toSvg();
    assertTrue(diverging.contains("url(#bar-RED_WHITE_BLUE)"), "diverging bar");
    assertTrue(attention.contains("url(#bar-WHITE_BLUE)"), "attention bar has its own gradient");
    assertFalse(attention.contains("<html"), "an SVG fragment, not a page");
    assertTrue(layerMap().toPng().length > 100, "PNG bytes");
  }

  @Test
  void attentionLabelsEscapeTokens() {
    Heatmap h = Heatmap.attention(Nd4j.createFromArray(new double[][] {{1, 0}, {0.25, 0.75}}),
        List.of("<|endoftext|>", " Mary & John"), "a10.h7");
    assertEquals(List.of("0 <|endoftext|>", "1  Mary & John"), h.rowLabels());
    String html = h.toHtml();
    assertTrue(html.contains("&lt;|endoftext|&gt;") && html.contains("Mary &amp; John"));
    assertFalse(html.contains("<|endoftext|>"));
    assertThrows(PlotException.class, () -> Heatmap.attention(Nd4j.eye(3), List.of("a", "b"),
        "bad"));
  }

  @Test
  void pngHasLayerZeroOnTopInRed() throws Exception {
    Path file = dir.resolve("map.png");
    layerMap().writePng(file);
    BufferedImage img = ImageIO.read(file.toFile());
    assertTrue(img.getWidth() > 200 && img.getHeight() > 150);
    int darkRedY = -1;
    int blueY = -1;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth() / 2; x++) {
        Color c = new Color(img.getRGB(x, y));
        if (darkRedY < 0 && c.getRed() > 90 && c.getGreen() < 20 && c.getBlue() < 50) {
          darkRedY = y;
        }
      }
    }
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = img.getWidth() / 4; x < img.getWidth() * 3 / 4; x++) {
        Color c = new Color(img.getRGB(x, y));
        if (blueY < 0 && c.getBlue() > 150 && c.getRed() < 120 && c.getGreen() < 200
            && c.getBlue() - c.getRed() > 60) {
          blueY = y;
        }
      }
    }
    assertTrue(darkRedY >= 0 && blueY >= 0, "found red at y=" + darkRedY + ", blue at y=" + blueY);
    assertTrue(darkRedY < blueY, "layer 0 (red) above layer 2 (blue)");
  }
}
