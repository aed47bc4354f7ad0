package dev.circuits.gpt2.sweep;

/** An edge of the head-level graph: {@code from}'s output read by {@code to}'s {@code input}. */
public record GraphEdge(GraphNode from, GraphNode to, EdgeInput input) {
  @Override
  public String toString() {
    return from.name() + " -> " + to.name() + (input == EdgeInput.RESID ? "" : "." + input.key());
  }
}
