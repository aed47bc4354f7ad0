package dev.circuits.ioi.plot;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A labelled matrix to draw as a heatmap (row 0 at the top), with a colour scale over
 * {@code [min, max]}; data only (the command line draws it as PNG or SVG). Example:
 * {@code Heatmap.layerByComponent(deltas, "Logit diff variation (flipped IO)", "Logit diff
 * variation")}.
 */
public record Heatmap(String title, List<String> rowLabels, List<String> columnLabels,
    double[][] values, String xTitle, String yTitle, String colourLabel, ColourScale scale,
    double min, double max) implements Chart {

  /** Validates the shape of {@code values} against the labels. */
  public Heatmap {
    rowLabels = List.copyOf(rowLabels);
    columnLabels = List.copyOf(columnLabels);
    if (values.length != rowLabels.size()) {
      throw new PlotException("heatmap '" + title + "': " + values.length + " rows of values but "
          + rowLabels.size() + " row labels");
    }
    for (int r = 0; r < values.length; r++) {
      if (values[r].length != columnLabels.size()) {
        throw new PlotException("heatmap '" + title + "': row " + r + " has " + values[r].length
            + " values but there are " + columnLabels.size() + " column labels");
      }
    }
    if (!(min < max)) {
      throw new PlotException("heatmap '" + title + "': colour range [" + min + ", " + max
          + "] is empty");
    }
  }

  /**
   * REMIX's {@code show_mtx}: a [layers, heads + 1] matrix (heads, then the MLP) with columns
   * {@code h0..h{H-1}, mlp}, rows {@code 0..L-1}, axis titles "Head" and "Layer", and the
   * red-white-blue scale over {@code [-max|m|, +max|m|]} so that 0 is white.
   */
  public static Heatmap layerByComponent(INDArray matrix, String title, String colourLabel) {
    double[][] v = toMatrix(matrix, title);
    int cols = v.length == 0 ? 0 : v[0].length;
    if (cols < 1) {
      throw new PlotException("heatmap '" + title + "': need at least the MLP column, got "
          + cols + " columns");
    }
    List<String> columns = new ArrayList<>();
    for (int h = 0; h < cols - 1; h++) {
      columns.add("h" + h);
    }
    columns.add("mlp");
    List<String> rows = new ArrayList<>();
    for (int l = 0; l < v.length; l++) {
      rows.add(String.valueOf(l));
    }
    double extent = maxAbs(v);
    extent = extent > 0 ? roundUp(extent) : 1;
    return new Heatmap(title, rows, columns, v, "Head", "Layer", colourLabel,
        ColourScale.RED_WHITE_BLUE, -extent, extent);
  }

  /**
   * Any labelled matrix on the red-white-blue scale over {@code [-max|v|, +max|v|]} (rounded up),
   * so that 0 is white.
   */
  public static Heatmap diverging(String title, List<String> rowLabels, List<String> columnLabels,
      double[][] values, String xTitle, String yTitle, String colourLabel) {
    double extent = maxAbs(values);
    extent = extent > 0 ? roundUp(extent) : 1;
    return new Heatmap(title, rowLabels, columnLabels, values, xTitle, yTitle, colourLabel,
        ColourScale.RED_WHITE_BLUE, -extent, extent);
  }

  /**
   * An attention pattern [query, key] with the prompt's tokens on both axes (labelled
   * {@code "pos token"}), white-to-blue over {@code [0, max]}.
   */
  public static Heatmap attention(INDArray pattern, List<String> tokens, String title) {
    double[][] v = toMatrix(pattern, title);
    if (v.length != tokens.size() || (v.length > 0 && v[0].length != tokens.size())) {
      throw new PlotException("attention plot '" + title + "': pattern is " + v.length + " x "
          + (v.length == 0 ? 0 : v[0].length) + " but there are " + tokens.size() + " tokens");
    }
    List<String> labels = new ArrayList<>();
    for (int i = 0; i < tokens.size(); i++) {
      labels.add(i + " " + tokens.get(i));
    }
    double top = 0;
    for (double[] row : v) {
      for (double x : row) {
        top = Math.max(top, x);
      }
    }
    return new Heatmap(title, labels, labels, v, "Key", "Query", "Attention",
        ColourScale.WHITE_BLUE, 0, top > 0 && top <= 1 ? 1 : roundUp(top));
  }

  /** Where {@code value} falls in the colour range, 0 at {@code min} and 1 at {@code max}. */
  public double fraction(double value) {
    return (value - min) / (max - min);
  }

  private static double[][] toMatrix(INDArray m, String title) {
    if (m.rank() != 2) {
      throw new PlotException("heatmap '" + title + "': expected a matrix, got shape "
          + java.util.Arrays.toString(m.shape()));
    }
    return m.castTo(DataType.DOUBLE).toDoubleMatrix();
  }

  /** {@code x} rounded up to two significant digits (for readable colour-bar ends). */
  static double roundUp(double x) {
    if (!(x > 0) || Double.isInfinite(x)) {
      return 1;
    }
    // Decimal rounding, so the colour bar prints 2.9 rather than 2.9000000000000004.
    return new java.math.BigDecimal(x - x * 1e-12)
        .round(new java.math.MathContext(2, java.math.RoundingMode.CEILING)).doubleValue();
  }

  private static double maxAbs(double[][] v) {
    double out = 0;
    for (double[] row : v) {
      for (double x : row) {
        if (!Double.isNaN(x)) {
          out = Math.max(out, Math.abs(x));
        }
      }
    }
    return out;
  }
}
