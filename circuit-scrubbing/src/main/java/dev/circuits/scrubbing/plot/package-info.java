/**
 * Plots for experiment results: labelled heatmaps in REMIX's {@code show_mtx} conventions ({@link
 * dev.circuits.scrubbing.plot.Heatmap}) as PNG or one self-contained HTML page, and scatter
 * plots, written atomically.
 */
package dev.circuits.scrubbing.plot;
