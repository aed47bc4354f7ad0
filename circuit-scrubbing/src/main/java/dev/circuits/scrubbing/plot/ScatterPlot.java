package dev.circuits.scrubbing.plot;

import java.awt.Color;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Points in the plane, in named series, drawn as a PNG scatter plot with XChart. Example:
 * {@code new ScatterPlot("PCA", "PC1", "PC2", List.of(new ScatterPlot.Series("a", xs, ys))).toPng()}.
 */
public record ScatterPlot(String title, String xTitle, String yTitle, List<Series> series) {
  /** One named set of points; {@code x} and {@code y} have the same length. */
  public record Series(String name, double[] x, double[] y) {
    /** Checks that the coordinates pair up. */
    public Series {
      if (x.length != y.length) {
        throw new PlotException("scatter series '" + name + "' has " + x.length + " x values but "
            + y.length + " y values");
      }
      x = x.clone();
      y = y.clone();
    }
  }

  /** Checks that there is something to draw. */
  public ScatterPlot {
    series = List.copyOf(series);
    if (series.isEmpty()) {
      throw new PlotException("scatter plot '" + title + "' has no series");
    }
  }

  /** The PNG image. */
  public byte[] toPng() {
    XYChart chart = new XYChartBuilder().title(title).xAxisTitle(xTitle).yAxisTitle(yTitle)
        .width(720).height(540).build();
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setPlotBackgroundColor(Color.WHITE);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
    chart.getStyler().setMarkerSize(6);
    for (Series s : series) {
      XYSeries added = chart.addSeries(s.name(), s.x(), s.y());
      added.setMarker(SeriesMarkers.CIRCLE);
    }
    return PlotFiles.png(chart, "scatter plot '" + title + "'");
  }
}
