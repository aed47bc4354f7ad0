package dev.circuits.core.text;

import java.util.List;

/** Indentation and the box-drawing arrows ({@code ├‣ └‣ │}) that precede each printed line. */
final class TreeDrawing {
  static final String BAR = "\u2502";
  static final String TEE = "\u251c";
  static final String ARROW = "\u2023";
  static final String UP_ELBOW = "\u2514";
  static final String DOWN_ELBOW = "\u250c";
  static final String ONLY_CHILD_MARKER = "\u25bc";

  private TreeDrawing() {}

  /**
   * rust's {@code last_child_arrows}: two spaces per level, or with arrows a bar for every open
   * ancestor and {@code ├‣}/{@code └‣} before a node line ({@code isOutput}).
   */
  static String prefix(List<Boolean> lastChild, boolean isOutput, boolean arrows) {
    int depth = lastChild.size();
    if (!arrows) {
      return "  ".repeat(depth);
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < depth - 1; i++) {
      sb.append(lastChild.get(i) ? " " : BAR).append(' ');
    }
    if (depth > 0) {
      boolean last = lastChild.get(depth - 1);
      if (isOutput) {
        sb.append(last ? UP_ELBOW : TEE).append(ARROW);
      } else {
        sb.append(last ? " " : BAR).append(' ');
      }
    }
    return sb.toString();
  }
}
