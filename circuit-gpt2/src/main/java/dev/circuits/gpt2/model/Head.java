package dev.circuits.gpt2.model;

import dev.circuits.core.CircuitException;

/**
 * One attention head, {@code a{layer}.h{head}} in the head-split GPT-2 circuit; prints as
 * {@code "layer.head"}. Example: {@code new Head(9, 6).nodeName()} is {@code "a9.h6"}.
 */
public record Head(int layer, int head) {
  /** Rejects negative indices. */
  public Head {
    if (layer < 0 || head < 0) {
      throw new CircuitException("head indices must be non-negative, got layer " + layer
          + " head " + head);
    }
  }

  /** The head's output node name {@code a{l}.h{h}}. */
  public String nodeName() {
    return "a" + layer + ".h" + head;
  }

  /** The head's position-split node at {@code position}, {@code a{l}_h{h}_t{p}}. */
  public NodeSpec at(int position) {
    return NodeSpec.head(layer, head, position);
  }

  /** This head, if a model of {@code config} has it; otherwise a CircuitException saying why. */
  public Head checkIn(Gpt2Config config) {
    if (layer >= config.nLayer() || head >= config.nHead()) {
      throw new CircuitException("the model has no head " + layer + "." + head + " ("
          + nodeName() + "): it has " + config.nLayer() + " layers (0 to "
          + (config.nLayer() - 1) + ") of " + config.nHead() + " heads (0 to "
          + (config.nHead() - 1) + ")");
    }
    return this;
  }

  @Override
  public String toString() {
    return layer + "." + head;
  }
}
