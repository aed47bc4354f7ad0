package dev.circuits.scrubbing.plot;

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.style.Styler;

/** Draws a {@link Heatmap} with XChart's HeatMapChart and saves it as a PNG. */
final class HeatmapPng {
  private HeatmapPng() {}

  static void write(Heatmap h, Path file) {
    PlotFiles.writeAtomically(file, encode(h), "heatmap '" + h.title() + "'");
  }

  static byte[] encode(Heatmap h) {
    int rows = h.rowLabels().size();
    int cols = h.columnLabels().size();
    int cell = cols > 24 || rows > 24 ? Math.max(14, 720 / Math.max(rows, cols)) : 40;
    HeatMapChart chart = new HeatMapChartBuilder().title(h.title()).xAxisTitle(h.xTitle())
        .yAxisTitle(h.yTitle()).width(Math.max(cols * cell + 260, h.title().length() * 9 + 40))
        .height(rows * cell + 200).build();
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setPlotBackgroundColor(Color.WHITE);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    chart.getStyler().setRangeColors(h.scale().stops().toArray(new Color[0]));
    chart.getStyler().setMin(h.min());
    chart.getStyler().setMax(h.max());
    chart.getStyler().setPlotGridLinesVisible(false);
    // One tick label per cell (XChart thins category labels unless told the spacing).
    chart.getStyler().setXAxisTickMarkSpacingHint(Math.max(4, cell / 2));
    chart.getStyler().setYAxisTickMarkSpacingHint(Math.max(4, cell / 2));
    if (h.columnLabels().stream().anyMatch(l -> l.length() > 3)) {
      chart.getStyler().setXAxisLabelRotation(60);
    }
    // XChart puts the first y category at the bottom: list rows bottom-up so row 0 is on top.
    List<String> ys = new ArrayList<>();
    for (int r = rows - 1; r >= 0; r--) {
      ys.add(h.rowLabels().get(r));
    }
    List<Number[]> data = new ArrayList<>();
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        data.add(new Number[] {c, rows - 1 - r, h.values()[r][c]});
      }
    }
    chart.addSeries(h.colourLabel(), h.columnLabels(), ys, data);
    return PlotFiles.png(chart, "heatmap '" + h.title() + "'");
  }
}
