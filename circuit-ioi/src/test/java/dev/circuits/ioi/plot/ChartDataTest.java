package dev.circuits.ioi.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** Charts as data: REMIX's show_mtx conventions, attention labels, shape checks. */
class ChartDataTest {
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
  void attentionLabelsArePositionAndToken() {
    Heatmap h = Heatmap.attention(Nd4j.createFromArray(new double[][] {{1, 0}, {0.25, 0.75}}),
        List.of("<|endoftext|>", " Mary & John"), "a10.h7");
    assertEquals(List.of("0 <|endoftext|>", "1  Mary & John"), h.rowLabels());
    assertEquals(1.0, h.max(), 1e-12);
    assertThrows(PlotException.class, () -> Heatmap.attention(Nd4j.eye(3), List.of("a", "b"),
        "bad"));
  }

  @Test
  void rejectsMismatchedCoordinatesAndEmptyPlots() {
    PlotException e = assertThrows(PlotException.class,
        () -> new ScatterPlot.Series("dup", new double[2], new double[3]));
    assertTrue(e.getMessage().contains("'dup'") && e.getMessage().contains("2 x values"));
    assertThrows(PlotException.class, () -> new ScatterPlot("empty", "x", "y", List.of()));
  }
}
