package dev.circuits.gpt2.model;

import dev.circuits.core.CircuitException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One per-position component of the position-split GPT-2 circuit (REMIX's
 * {@code MLPHeadAndPosSpec}): attention head {@code head} of {@code layer} at {@code position},
 * or the layer's MLP there ({@code head == MLP}). Example: {@code NodeSpec.head(9, 6, 15).toName()}
 * is {@code a9_h6_t15}.
 */
public record NodeSpec(int layer, int head, int position) {
  /** The {@code head} value that denotes the MLP. */
  public static final int MLP = -1;

  private static final Pattern NAME = Pattern.compile("^(?:a(\\d+)_h(\\d+)|m(\\d+))_t(\\d+)$");

  /** Validates the indices. */
  public NodeSpec {
    if (layer < 0 || position < 0 || head < MLP) {
      throw new CircuitException("invalid node spec: layer=" + layer + " head=" + head
          + " position=" + position + " (expected layer, position >= 0 and head >= 0 or MLP)");
    }
  }

  /** Head {@code head} of layer {@code layer} at {@code position}. */
  public static NodeSpec head(int layer, int head, int position) {
    if (head < 0) {
      throw new CircuitException("head index must be >= 0, got " + head);
    }
    return new NodeSpec(layer, head, position);
  }

  /** The MLP of layer {@code layer} at {@code position}. */
  public static NodeSpec mlp(int layer, int position) {
    return new NodeSpec(layer, MLP, position);
  }

  /** Parses {@code a{l}_h{h}_t{p}} or {@code m{l}_t{p}}. */
  public static NodeSpec parse(String name) {
    Matcher m = NAME.matcher(name);
    if (!m.matches()) {
      throw new CircuitException("'" + name + "' is not a position-split node name (expected "
          + "a{layer}_h{head}_t{position} or m{layer}_t{position})");
    }
    int pos = Integer.parseInt(m.group(4));
    return m.group(3) != null ? mlp(Integer.parseInt(m.group(3)), pos)
        : head(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), pos);
  }

  /** Whether this is an MLP (not an attention head). */
  public boolean isMlp() {
    return head == MLP;
  }

  /** The position-split node's name: {@code a{l}_h{h}_t{p}} or {@code m{l}_t{p}}. */
  public String toName() {
    return isMlp() ? "m" + layer + "_t" + position : "a" + layer + "_h" + head + "_t" + position;
  }

  /** The whole (all positions) node's name: {@code a{l}.h{h}} or {@code m{l}}. */
  public String unsplitName() {
    return isMlp() ? "m" + layer : "a" + layer + ".h" + head;
  }

  /** The column label in REMIX's layer-by-head plots: {@code h{h}} or {@code mlp}. */
  public String columnLabel() {
    return isMlp() ? "mlp" : "h" + head;
  }

  /** The same component at another position. */
  public NodeSpec atPosition(int newPosition) {
    return new NodeSpec(layer, head, newPosition);
  }

  /**
   * Every component at {@code position} in REMIX's sweep order: for each layer, heads
   * {@code 0..nHeads-1} then the MLP ({@code nLayers * (nHeads + 1)} specs).
   */
  public static List<NodeSpec> sweep(int nLayers, int nHeads, int position) {
    List<NodeSpec> out = new ArrayList<>(nLayers * (nHeads + 1));
    for (int l = 0; l < nLayers; l++) {
      for (int h = 0; h < nHeads; h++) {
        out.add(head(l, h, position));
      }
      out.add(mlp(l, position));
    }
    return out;
  }

  /** The names of every component at every position (REMIX's {@code ALL_NODES_NAMES}). */
  public static Set<String> allNames(int nLayers, int nHeads, int seqLen) {
    Set<String> out = new LinkedHashSet<>();
    for (int p = 0; p < seqLen; p++) {
      for (NodeSpec s : sweep(nLayers, nHeads, p)) {
        out.add(s.toName());
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return toName();
  }
}
