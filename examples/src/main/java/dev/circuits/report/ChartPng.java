package dev.circuits.report;

import dev.circuits.ioi.plot.Chart;
import dev.circuits.ioi.plot.Heatmap;
import dev.circuits.ioi.plot.PlotException;
import dev.circuits.ioi.plot.ScatterPlot;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws {@link Chart}s as PNG images with XChart. Example:
 * {@code ChartPng.write(Heatmap.layerByComponent(m, "title", "Logit diff"), Path.of("m.png"))}.
 */
public final class ChartPng {
  /** About the width of one label character in XChart's default font, in pixels. */
  private static final int CHAR_PX = 8;
  /** The same for the (larger) title font. */
  private static final int TITLE_CHAR_PX = 9;

  private ChartPng() {}

  /** Writes the PNG of {@code chart} to {@code file} atomically. */
  public static void write(Chart chart, Path file) {
    ReportFiles.writeAtomically(file, encode(chart), "chart '" + chart.title() + "'");
  }

  /** The PNG bytes of {@code chart}. */
  public static byte[] encode(Chart chart) {
    if (chart instanceof Heatmap h) {
      return heatmap(h);
    }
    return scatter((ScatterPlot) chart);
  }

  private static byte[] heatmap(Heatmap h) {
    int rows = h.rowLabels().size();
    int cols = h.columnLabels().size();
    int cell = cols > 24 || rows > 24 ? Math.max(14, 720 / Math.max(rows, cols)) : 40;
    boolean rotate = h.columnLabels().stream().anyMatch(l -> l.length() > 3);
    // Room for the row labels, rotated column labels and the title, which XChart takes from the
    // plot area (a few long labels would otherwise squeeze the cells to nothing).
    int rowLabelPx = CHAR_PX * longest(h.rowLabels());
    int colLabelPx = rotate ? CHAR_PX * longest(h.columnLabels()) : 0;
    int width = Math.max(Math.max(cols, 3) * cell + 250 + rowLabelPx,
        TITLE_CHAR_PX * h.title().length() + 40);
    HeatMapChart chart = new HeatMapChartBuilder().title(h.title()).xAxisTitle(h.xTitle())
        .yAxisTitle(h.yTitle()).width(width).height(rows * cell + 200 + colLabelPx).build();
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
    if (rotate) {
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
    return png(chart, "heatmap '" + h.title() + "'");
  }

  private static byte[] scatter(ScatterPlot p) {
    XYChart chart = new XYChartBuilder().title(p.title()).xAxisTitle(p.xTitle())
        .yAxisTitle(p.yTitle()).width(720).height(540).build();
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setPlotBackgroundColor(Color.WHITE);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
    chart.getStyler().setMarkerSize(6);
    for (ScatterPlot.Series s : p.series()) {
      XYSeries added = chart.addSeries(s.name(), s.x(), s.y());
      added.setMarker(SeriesMarkers.CIRCLE);
    }
    return png(chart, "scatter plot '" + p.title() + "'");
  }

  /** The PNG bytes of {@code chart}; {@code what} names it in errors. */
  private static byte[] png(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart, String what) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
      return out.toByteArray();
    } catch (IOException | RuntimeException e) {
      throw new PlotException("cannot draw " + what + " as PNG: " + e, e);
    }
  }

  private static int longest(List<String> labels) {
    return labels.stream().mapToInt(String::length).max().orElse(0);
  }
}
