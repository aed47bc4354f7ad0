package dev.circuits.ioi.planted;

/** One attention head, {@code a{layer}.h{head}} in the split GPT-2 circuit. */
public record HeadRef(int layer, int head) {
  /** Validates the indices. */
  public HeadRef {
    if (layer < 0 || head < 0) {
      throw new PlantedModelException("head indices must be non-negative, got layer " + layer
          + " head " + head);
    }
  }

  /** The head's output node name in {@code Gpt2Circuit}'s split model, e.g. {@code a3.h0}. */
  public String nodeName() {
    return "a" + layer + ".h" + head;
  }

  @Override
  public String toString() {
    return layer + "." + head;
  }
}
