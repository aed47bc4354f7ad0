package dev.circuits.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.circuits.ioi.plot.Heatmap;
import dev.circuits.ioi.plot.ScatterPlot;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

/** Heatmaps and scatter plots drawn as PNG. */
class ChartPngTest {
  @TempDir
  Path dir;

  private static Heatmap layerMap() {
    double[][] m = new double[3][5];
    m[0][0] = -2.0; // strongest negative: dark red
    m[2][4] = 1.0;  // positive: blue
    return Heatmap.layerByComponent(Nd4j.createFromArray(m), "Logit diff variation (flipped IO)",
        "Logit diff variation");
  }

  private static ScatterPlot.Series series(String name, double offset) {
    double[] x = new double[20];
    double[] y = new double[20];
    for (int i = 0; i < x.length; i++) {
      x[i] = offset + i * 0.1;
      y[i] = offset - i * 0.05;
    }
    return new ScatterPlot.Series(name, x, y);
  }

  private static Set<Integer> saturatedColours(byte[] png) throws IOException {
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
    Set<Integer> out = new HashSet<>();
    for (int px = 0; px < img.getWidth(); px++) {
      for (int py = 0; py < img.getHeight(); py++) {
        int rgb = img.getRGB(px, py) & 0xFFFFFF;
        int r = rgb >> 16;
        int g = (rgb >> 8) & 0xFF;
        int b = rgb & 0xFF;
        if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 80) {
          out.add(rgb);
        }
      }
    }
    return out;
  }

  @Test
  void drawsEverySeriesInItsOwnColour() throws IOException {
    byte[] one = ChartPng.encode(new ScatterPlot("t", "PC1", "PC2", List.of(series("a", 0))));
    byte[] two = ChartPng.encode(new ScatterPlot("t", "PC1", "PC2",
        List.of(series("a", 0), series("b", 3))));
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(two));
    assertEquals(720, img.getWidth());
    assertEquals(540, img.getHeight());
    assertTrue(saturatedColours(two).size() > saturatedColours(one).size(),
        "a second series adds a colour");
  }

  @Test
  void pngHasLayerZeroOnTopInRed() throws Exception {
    Path file = dir.resolve("map.png");
    ChartPng.write(layerMap(), file);
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
