package dev.circuits.core.eval;

import dev.circuits.core.Circuit;
import dev.circuits.core.Einsum;
import dev.circuits.core.GeneralFunction;
import dev.circuits.core.Index;
import dev.circuits.core.Rearrange;

/** An indented dump of a circuit (describe() per node plus its spec) for failure messages. */
final class TreeDump {
  private TreeDump() {}

  static String of(Circuit c) {
    StringBuilder sb = new StringBuilder();
    append(sb, c, 0);
    return sb.toString();
  }

  private static void append(StringBuilder sb, Circuit c, int depth) {
    sb.append("  ".repeat(depth)).append(c.describe()).append(detail(c)).append('\n');
    for (Circuit child : c.children()) {
      append(sb, child, depth + 1);
    }
  }

  private static String detail(Circuit c) {
    return switch (c.kind()) {
      case EINSUM -> " " + ((Einsum) c).specString();
      case REARRANGE -> " " + ((Rearrange) c).spec();
      case INDEX -> " " + ((Index) c).index();
      case GENERAL_FUNCTION -> " " + ((GeneralFunction) c).spec().fnName();
      default -> "";
    };
  }
}
