package dev.circuits.gpt2.sweep;

/** One input of the head-level graph: a head's q, k or v, or an MLP's or the logits' residual. */
public record GraphReceiver(GraphNode node, EdgeInput input) {
  @Override
  public String toString() {
    return node.name() + (input == EdgeInput.RESID ? "" : "." + input.key());
  }
}
