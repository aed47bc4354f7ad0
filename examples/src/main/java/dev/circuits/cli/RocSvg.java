package dev.circuits.cli;

import dev.circuits.ioi.discovery.RocCurve;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** A ROC curve of a threshold sweep as SVG: heads and edges, FPR against TPR, thresholds labelled. */
final class RocSvg {
  private static final int SIZE = 320;
  private static final int PAD = 50;

  private RocSvg() {}

  /** The SVG document of {@code roc} titled {@code title}. */
  static String render(RocCurve roc, String title) {
    int w = SIZE + 2 * PAD + 120;
    int h = SIZE + 2 * PAD;
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
        + "height=\"%d\" font-family=\"sans-serif\" font-size=\"11\">%n", w, h));
    s.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"20\" font-size=\"13\">%s</text>%n",
        PAD, CircuitSvg.escape(title)));
    s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
        + "fill=\"none\" stroke=\"#333\"/>%n", PAD, PAD, SIZE, SIZE));
    s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
        + "stroke=\"#ccc\" stroke-dasharray=\"4\"/>%n", PAD, PAD + SIZE, PAD + SIZE, PAD));
    for (int i = 0; i <= 4; i++) {
      double v = i / 4.0;
      s.append(String.format(Locale.ROOT, "<text x=\"%.0f\" y=\"%d\" text-anchor=\"middle\">%.2f"
          + "</text><text x=\"%d\" y=\"%.0f\" text-anchor=\"end\">%.2f</text>%n",
          PAD + v * SIZE, PAD + SIZE + 15, v, PAD - 5, PAD + SIZE - v * SIZE + 4, v));
    }
    s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">false "
        + "positive rate</text>%n", PAD + SIZE / 2, PAD + SIZE + 32));
    s.append(String.format(Locale.ROOT, "<text x=\"14\" y=\"%d\" transform=\"rotate(-90 14 %d)\" "
        + "text-anchor=\"middle\">true positive rate</text>%n", PAD + SIZE / 2, PAD + SIZE / 2));
    curve(s, roc, p -> p.score().headFalsePositiveRate(), p -> p.score().headRecall(), "#d62728",
        "heads", 0);
    curve(s, roc, p -> p.score().edgeFalsePositiveRate(), p -> p.score().edgeRecall(), "#1f77b4",
        "edges", 1);
    s.append("</svg>\n");
    return s.toString();
  }

  private static void curve(StringBuilder s, RocCurve roc, ToDoubleFunction<RocCurve.Point> x,
      ToDoubleFunction<RocCurve.Point> y, String colour, String label, int slot) {
    StringBuilder d = new StringBuilder();
    for (RocCurve.Point p : roc.points()) {
      double px = PAD + x.applyAsDouble(p) * SIZE;
      double py = PAD + SIZE - y.applyAsDouble(p) * SIZE;
      d.append(d.length() == 0 ? "M" : " L").append(String.format(Locale.ROOT, "%.1f,%.1f", px,
          py));
      s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\">"
          + "<title>%s: threshold %.4g, TPR %.3f, FPR %.4f</title></circle>%n", px, py, colour,
          label, p.threshold(), y.applyAsDouble(p), x.applyAsDouble(p)));
    }
    s.append(String.format(Locale.ROOT, "<path d=\"%s\" fill=\"none\" stroke=\"%s\"/>%n", d,
        colour));
    int ly = PAD + 10 + slot * 18;
    s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
        + "stroke=\"%s\" stroke-width=\"2\"/><text x=\"%d\" y=\"%d\">%s</text>%n", PAD + SIZE + 15,
        ly, PAD + SIZE + 35, ly, colour, PAD + SIZE + 40, ly + 4, label));
  }
}
