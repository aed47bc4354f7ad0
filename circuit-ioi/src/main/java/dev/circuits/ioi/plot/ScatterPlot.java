package dev.circuits.ioi.plot;

import java.util.List;

/**
 * Points in the plane, in named series, to draw as a scatter plot. Example:
 * {@code new ScatterPlot("PCA", "PC1", "PC2", List.of(new ScatterPlot.Series("a", xs, ys)))}.
 */
public record ScatterPlot(String title, String xTitle, String yTitle, List<Series> series)
    implements Chart {
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
}
