package dev.circuits.ioi.experiments;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * A layer-by-component path-patching result: {@code values[layer][col]} is the mean change of the
 * logit difference when the paths from that sender are patched (columns {@code h0..h{H-1}, mlp}),
 * {@code reference} the unpatched mean logit difference. Example: {@code m.ranking().get(0)} is
 * {@code "3.0"} when head 0 of layer 3 matters most.
 */
public record SweepMatrix(List<String> rows, List<String> cols, double[][] values,
    double reference, double seconds) {
  /** Copies the lists and the matrix. */
  public SweepMatrix {
    rows = List.copyOf(rows);
    cols = List.copyOf(cols);
    double[][] copy = new double[values.length][];
    for (int i = 0; i < values.length; i++) {
      copy[i] = values[i].clone();
    }
    values = copy;
  }

  /** The value of a component: {@code label} is {@code "L.H"} for a head or {@code "mL"} for an MLP. */
  public double value(String label) {
    for (int l = 0; l < values.length; l++) {
      for (int c = 0; c < values[l].length; c++) {
        if (label(l, c).equals(label)) {
          return values[l][c];
        }
      }
    }
    throw new IllegalArgumentException("no component '" + label + "' in a " + rows.size() + " x "
        + cols.size() + " sweep (expected L.H or mL)");
  }

  /** Every component ({@code "L.H"} or {@code "mL"}) sorted by |value|, largest first. */
  public List<String> ranking() {
    List<String> out = new ArrayList<>();
    for (int l = 0; l < values.length; l++) {
      for (int c = 0; c < values[l].length; c++) {
        out.add(label(l, c));
      }
    }
    out.sort(Comparator.comparingDouble((String s) -> -Math.abs(value(s))));
    return out;
  }

  /** The matrix as aligned text: a header {@code layer h0 h1 ... mlp}, then one row per layer. */
  public String table() {
    StringBuilder s = new StringBuilder("layer");
    for (String c : cols) {
      s.append(String.format(Locale.ROOT, " %9s", c));
    }
    for (int l = 0; l < rows.size(); l++) {
      s.append(String.format(Locale.ROOT, "%n%5s", rows.get(l)));
      for (double v : values[l]) {
        s.append(String.format(Locale.ROOT, " %9.4f", v));
      }
    }
    return s.toString();
  }

  /** The reference, the time and {@link #table()}. */
  @Override
  public String toString() {
    return String.format(Locale.ROOT, "SweepMatrix (reference %.4f, %.1f s):%n", reference, seconds)
        + table();
  }

  private String label(int layer, int col) {
    return "mlp".equals(cols.get(col)) ? "m" + rows.get(layer)
        : rows.get(layer) + "." + cols.get(col).substring(1);
  }
}
