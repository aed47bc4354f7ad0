package dev.circuits.report;

import dev.circuits.ioi.plot.Heatmap;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Renders a {@link Heatmap} as an inline SVG (tooltips per cell), or as one self-contained HTML
 * page around it. Example: {@code HeatmapSvg.writeHtml(heatmap, Path.of("flipped_io.html"))}.
 */
public final class HeatmapSvg {
  private static final int CHAR_PX = 7;
  private static final int TITLE_PX = 40;
  private static final int TITLE_CHAR_PX = 9;
  private static final int BAR_WIDTH = 18;

  private HeatmapSvg() {}

  /** Writes {@link #html} to {@code file} atomically. */
  public static void writeHtml(Heatmap h, Path file) {
    ReportFiles.writeAtomically(file, html(h).getBytes(StandardCharsets.UTF_8),
        "heatmap '" + h.title() + "'");
  }

  /** The self-contained HTML page (inline SVG, no scripts). */
  public static String html(Heatmap h) {
    return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + esc(h.title())
        + "</title></head>\n<body style=\"font-family:sans-serif\">\n" + svg(h)
        + "</body></html>\n";
  }

  /** The inline SVG alone, for embedding in a larger page. */
  public static String svg(Heatmap h) {
    int rows = h.rowLabels().size();
    int cols = h.columnLabels().size();
    int cell = cols > 24 || rows > 24 ? Math.max(12, 720 / Math.max(rows, cols)) : 32;
    boolean rotate = longest(h.columnLabels()) > 3;
    int left = 30 + longest(h.rowLabels()) * CHAR_PX + 10;
    int top = TITLE_PX;
    int gridW = cols * cell;
    int gridH = rows * cell;
    int bottom = (rotate ? longest(h.columnLabels()) * CHAR_PX : 14) + 40;
    int barX = left + gridW + 30;
    // Titles are often wider than small grids: centre over the grid only while it fits.
    int halfTitle = h.title().length() * TITLE_CHAR_PX / 2 + 10;
    int titleX = Math.max(left + gridW / 2, halfTitle);
    int width = Math.max(barX + BAR_WIDTH + 80 + 20, titleX + halfTitle);
    int height = top + gridH + bottom;
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\""
            + " height=\"%d\" font-size=\"12\">%n", width, height))
        .append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"24\" text-anchor=\"middle\" "
            + "font-size=\"16\">%s</text>%n", titleX, esc(h.title())));
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        double v = h.values()[r][c];
        s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
            + "fill=\"%s\"><title>%s, %s: %s</title></rect>%n", left + c * cell, top + r * cell,
            cell, cell, h.scale().hexAt(h.fraction(v)), esc(h.yTitle() + " "
            + h.rowLabels().get(r)), esc(h.xTitle() + " " + h.columnLabels().get(c)),
            format(v)));
      }
      s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" "
          + "dominant-baseline=\"middle\">%s</text>%n", left - 6, top + r * cell + cell / 2,
          esc(h.rowLabels().get(r))));
    }
    for (int c = 0; c < cols; c++) {
      int x = left + c * cell + cell / 2;
      int y = top + gridH + 14;
      s.append(rotate
          ? String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" "
              + "transform=\"rotate(-60 %d %d)\">%s</text>%n", x, y, x, y,
              esc(h.columnLabels().get(c)))
          : String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s"
              + "</text>%n", x, y, esc(h.columnLabels().get(c))));
    }
    s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s"
        + "</text>%n", left + gridW / 2, height - 8, esc(h.xTitle())));
    s.append(String.format(Locale.ROOT, "<text x=\"14\" y=\"%d\" text-anchor=\"middle\" "
        + "transform=\"rotate(-90 14 %d)\">%s</text>%n", top + gridH / 2, top + gridH / 2,
        esc(h.yTitle())));
    colourBar(s, h, barX, top, gridH);
    s.append("</svg>\n");
    return s.toString();
  }

  private static void colourBar(StringBuilder s, Heatmap h, int x, int top, int height) {
    // One id per colour scale: pages inlining several heatmaps resolve url(#id) to the first
    // definition, which is then the right gradient for every heatmap of that scale.
    String id = "bar-" + h.scale().name();
    s.append("<defs><linearGradient id=\"" + id + "\" x1=\"0\" y1=\"1\" x2=\"0\" y2=\"0\">\n");
    List<java.awt.Color> stops = h.scale().stops();
    for (int i = 0; i < stops.size(); i++) {
      double f = (double) i / (stops.size() - 1);
      s.append(String.format(Locale.ROOT, "<stop offset=\"%.3f\" stop-color=\"%s\"/>%n", f,
          h.scale().hexAt(f)));
    }
    s.append("</linearGradient></defs>\n");
    s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
        + "fill=\"url(#%s)\" stroke=\"#999\"/>%n", x, top, BAR_WIDTH, height, id));
    double[] ticks = {h.max(), (h.min() + h.max()) / 2, h.min()};
    for (int i = 0; i < ticks.length; i++) {
      int y = top + i * height / 2;
      s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" dominant-baseline=\"middle\">"
          + "%s</text>%n", x + BAR_WIDTH + 4, y, format(ticks[i])));
    }
    int cx = x + BAR_WIDTH + 70;
    int cy = top + height / 2;
    s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" "
        + "transform=\"rotate(90 %d %d)\">%s</text>%n", cx, cy, cx, cy, esc(h.colourLabel())));
  }

  private static int longest(List<String> labels) {
    return labels.stream().mapToInt(String::length).max().orElse(1);
  }

  static String format(double v) {
    return String.format(Locale.ROOT, Math.abs(v) >= 100 || v == 0 ? "%.1f" : "%.4g", v);
  }

  static String esc(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
