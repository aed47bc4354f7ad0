package dev.circuits.gpt2.sweep;

import dev.circuits.core.CircuitException;

/**
 * A node of a GPT-2 model's head-level computational graph: the embeddings, one attention head's
 * output, one MLP's output, or the logits. Names: {@code embed}, {@code 9.6}, {@code mlp0},
 * {@code logits}.
 */
public record GraphNode(Kind kind, int layer, int head) {
  /** What the node stands for. */
  public enum Kind { EMBED, HEAD, MLP, LOGITS }

  private static final GraphNode EMBED = new GraphNode(Kind.EMBED, -1, -1);
  private static final GraphNode LOGITS = new GraphNode(Kind.LOGITS, -1, -1);

  /** The token plus position embeddings. */
  public static GraphNode embed() {
    return EMBED;
  }

  /** The logits (the metric's input). */
  public static GraphNode logits() {
    return LOGITS;
  }

  /** Head {@code head} of layer {@code layer}. */
  public static GraphNode head(int layer, int head) {
    return new GraphNode(Kind.HEAD, layer, head);
  }

  /** The MLP of layer {@code layer}. */
  public static GraphNode mlp(int layer) {
    return new GraphNode(Kind.MLP, layer, -1);
  }

  /** {@code embed}, {@code L.H}, {@code mlpL} or {@code logits}. */
  public String name() {
    return switch (kind) {
      case EMBED -> "embed";
      case LOGITS -> "logits";
      case HEAD -> layer + "." + head;
      case MLP -> "mlp" + layer;
    };
  }

  /** Parses {@link #name()}'s forms (also {@code aL.hH} and {@code mL}). */
  public static GraphNode parse(String name) {
    String s = name.trim();
    try {
      if (s.equals("embed")) {
        return EMBED;
      }
      if (s.equals("logits")) {
        return LOGITS;
      }
      if (s.startsWith("mlp")) {
        return mlp(Integer.parseInt(s.substring(3)));
      }
      if (s.matches("m\\d+")) {
        return mlp(Integer.parseInt(s.substring(1)));
      }
      String t = s.replaceFirst("^a(\\d+)\\.h(\\d+)$", "$1.$2");
      int dot = t.indexOf('.');
      if (dot > 0) {
        return head(Integer.parseInt(t.substring(0, dot)), Integer.parseInt(t.substring(dot + 1)));
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw new CircuitException("'" + name + "' is not a graph node; expected embed, L.H, mlpL "
        + "or logits");
  }

  @Override
  public String toString() {
    return name();
  }
}
