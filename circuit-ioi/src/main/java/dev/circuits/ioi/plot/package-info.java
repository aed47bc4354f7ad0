/**
 * Figures of experiment results as plain data: labelled heatmaps in REMIX's {@code show_mtx}
 * conventions ({@link dev.circuits.ioi.plot.Heatmap}), scatter plots and charts, with their colour
 * scales. Rendering to PNG, SVG or HTML is the presentation layer's job (the command line's report
 * writer), so this library needs no plotting dependency.
 */
package dev.circuits.ioi.plot;
