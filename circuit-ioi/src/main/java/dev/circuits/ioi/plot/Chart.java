package dev.circuits.ioi.plot;

/**
 * A figure as data: what to draw, not how. The presentation layer (the command line's report
 * writer) renders it as PNG or SVG; a library never depends on a plotting library.
 */
public sealed interface Chart permits Heatmap, ScatterPlot {
  /** The title drawn above the chart. */
  String title();
}
