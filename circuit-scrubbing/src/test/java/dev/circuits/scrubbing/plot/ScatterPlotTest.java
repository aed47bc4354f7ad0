package dev.circuits.scrubbing.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Scatter plots as PNG. */
class ScatterPlotTest {
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
    byte[] one = new ScatterPlot("t", "PC1", "PC2", List.of(series("a", 0))).toPng();
    byte[] two = new ScatterPlot("t", "PC1", "PC2", List.of(series("a", 0), series("b", 3)))
        .toPng();
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(two));
    assertEquals(720, img.getWidth());
    assertEquals(540, img.getHeight());
    assertTrue(saturatedColours(two).size() > saturatedColours(one).size(),
        "a second series adds a colour");
  }

  @Test
  void rejectsMismatchedCoordinatesAndEmptyPlots() {
    PlotException e = assertThrows(PlotException.class,
        () -> new ScatterPlot.Series("dup", new double[2], new double[3]));
    assertTrue(e.getMessage().contains("'dup'") && e.getMessage().contains("2 x values"));
    assertThrows(PlotException.class, () -> new ScatterPlot("empty", "x", "y", List.of()));
  }
}
