package dev.circuits.cli;

import dev.circuits.gpt2.sweep.EdgeInput;
import dev.circuits.gpt2.sweep.GraphNode;
import dev.circuits.ioi.discovery.DiscoveredCircuit;
import dev.circuits.ioi.discovery.FoundRole;
import dev.circuits.ioi.discovery.KeptEdge;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A discovered circuit as an SVG picture: layers left to right (embed, layer 0 ... layer L-1,
 * logits), each layer's heads then its MLP stacked in a column, heads filled by the role found,
 * edges coloured by the input they enter (q, k, v, residual).
 */
final class CircuitSvg {
  private static final int COL = 90;
  private static final int ROW = 34;
  private static final int TOP = 40;
  private static final int LEFT = 40;
  private static final Map<FoundRole, String> FILL = new EnumMap<>(Map.of(
      FoundRole.NAME_MOVER, "#d62728", FoundRole.NEGATIVE_NAME_MOVER, "#ff9896",
      FoundRole.S_INHIBITION, "#1f77b4", FoundRole.INDUCTION, "#2ca02c",
      FoundRole.DUPLICATE_TOKEN, "#98df8a", FoundRole.PREVIOUS_TOKEN, "#9467bd",
      FoundRole.OTHER, "#c7c7c7"));
  private static final Map<EdgeInput, String> STROKE = new EnumMap<>(Map.of(
      EdgeInput.Q, "#1f77b4", EdgeInput.K, "#2ca02c", EdgeInput.V, "#ff7f0e",
      EdgeInput.RESID, "#7f7f7f"));

  private CircuitSvg() {}

  /** The SVG document of {@code c} with heads coloured by {@code roles}, titled {@code title}. */
  static String render(DiscoveredCircuit c, Map<GraphNode, FoundRole> roles, String title) {
    List<GraphNode> nodes = c.nodes();
    Map<Integer, List<GraphNode>> columns = new LinkedHashMap<>();
    for (GraphNode n : nodes) {
      columns.computeIfAbsent(column(n, c.graph().layers()), k -> new ArrayList<>()).add(n);
    }
    int maxRows = columns.values().stream().mapToInt(List::size).max().orElse(1);
    int rowH = Math.max(ROW, 160 / maxRows); // a few rows spread out, many packed
    int width = Math.max(980, LEFT * 2 + (c.graph().layers() + 1) * COL + 60); // legend fits
    int height = TOP + maxRows * rowH + 80;
    Map<GraphNode, int[]> at = new HashMap<>();
    columns.forEach((col, list) -> {
      int y0 = TOP + (maxRows - list.size()) * rowH / 2;
      for (int i = 0; i < list.size(); i++) {
        at.put(list.get(i), new int[] {LEFT + col * COL, y0 + i * rowH + rowH / 2});
      }
    });
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
        + "height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\">%n",
        width, height, width, height));
    s.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"20\" font-size=\"13\">%s</text>%n",
        LEFT, escape(title)));
    for (int l = 0; l < c.graph().layers(); l++) {
      s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"#999\" "
          + "text-anchor=\"middle\">L%d</text>%n", LEFT + (l + 1) * COL, height - 45, l));
    }
    for (KeptEdge e : c.edges()) {
      int[] a = at.get(e.edge().from());
      int[] b = at.get(e.edge().to());
      if (a == null || b == null) {
        continue;
      }
      int mid = (a[0] + b[0]) / 2;
      s.append(String.format(Locale.ROOT, "<path d=\"M%d,%d C%d,%d %d,%d %d,%d\" fill=\"none\" "
          + "stroke=\"%s\" stroke-opacity=\"0.6\" stroke-width=\"1.2\"><title>%s</title></path>%n",
          a[0] + 18, a[1], mid, a[1], mid, b[1], b[0] - 18, b[1] + inputOffset(e.edge().input()),
          STROKE.get(e.edge().input()), escape(e.edge().toString())));
    }
    for (GraphNode n : nodes) {
      int[] p = at.get(n);
      String fill = n.kind() == GraphNode.Kind.HEAD
          ? FILL.get(roles.getOrDefault(n, FoundRole.OTHER)) : "#ffffff";
      String shape = n.kind() == GraphNode.Kind.HEAD ? "rx=\"9\"" : "rx=\"2\"";
      s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"36\" height=\"20\" %s "
          + "fill=\"%s\" stroke=\"#333\"><title>%s</title></rect>%n", p[0] - 18, p[1] - 10, shape,
          fill, escape(n.name() + (roles.containsKey(n) ? ": " + roles.get(n).label() : ""))));
      s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s"
          + "</text>%n", p[0], p[1] + 4, escape(n.name())));
    }
    int lx = LEFT;
    int ly = height - 22;
    for (FoundRole r : FoundRole.values()) {
      s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" "
          + "rx=\"6\" fill=\"%s\" stroke=\"#333\"/><text x=\"%d\" y=\"%d\">%s</text>%n", lx, ly - 10,
          FILL.get(r), lx + 16, ly, escape(r.label())));
      lx += 24 + 7 * r.label().length();
    }
    for (EdgeInput in : EdgeInput.values()) {
      s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
          + "stroke=\"%s\" stroke-width=\"2\"/><text x=\"%d\" y=\"%d\">%s</text>%n", lx, ly - 4,
          lx + 14, ly - 4, STROKE.get(in), lx + 18, ly, in.key()));
      lx += 30 + 7 * in.key().length();
    }
    s.append("</svg>\n");
    return s.toString();
  }

  private static int column(GraphNode n, int layers) {
    return switch (n.kind()) {
      case EMBED -> 0;
      case HEAD, MLP -> n.layer() + 1;
      case LOGITS -> layers + 1;
    };
  }

  private static int inputOffset(EdgeInput in) {
    return switch (in) {
      case Q -> -6;
      case K -> 0;
      case V -> 6;
      case RESID -> 0;
    };
  }

  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
