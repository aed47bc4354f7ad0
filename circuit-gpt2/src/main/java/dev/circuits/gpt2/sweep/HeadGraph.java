package dev.circuits.gpt2.sweep;

import dev.circuits.core.CircuitException;
import java.util.ArrayList;
import java.util.List;

/**
 * The head-level computational graph of a GPT-2-architecture model with {@code layers} x
 * {@code heads}: components (the embeddings, every head, every MLP) indexed in topological order
 * ({@code embed} 0, then per layer its heads and its MLP), and receivers (each head's q, k and v,
 * each MLP, the logits). Every component feeds every later receiver through the residual stream;
 * an MLP also reads the heads of its own layer.
 */
public record HeadGraph(int layers, int heads) {
  /** Checks the sizes. */
  public HeadGraph {
    if (layers < 1 || heads < 1) {
      throw new CircuitException("a graph needs >= 1 layer and head, got " + layers + " x " + heads);
    }
  }

  /** Number of components (senders): 1 + layers * (heads + 1). */
  public int components() {
    return 1 + layers * (heads + 1);
  }

  /** The topological index of component {@code node} (not the logits). */
  public int index(GraphNode node) {
    check(node);
    return switch (node.kind()) {
      case EMBED -> 0;
      case HEAD -> 1 + node.layer() * (heads + 1) + node.head();
      case MLP -> 1 + node.layer() * (heads + 1) + heads;
      case LOGITS -> throw new CircuitException("the logits are not a component");
    };
  }

  /** The component at topological index {@code index}. */
  public GraphNode node(int index) {
    if (index == 0) {
      return GraphNode.embed();
    }
    int layer = (index - 1) / (heads + 1);
    int within = (index - 1) % (heads + 1);
    return within == heads ? GraphNode.mlp(layer) : GraphNode.head(layer, within);
  }

  /** How many components can feed {@code node}: the first that many indices. */
  public int senderCount(GraphNode node) {
    check(node);
    return switch (node.kind()) {
      case EMBED -> 0;
      case HEAD -> 1 + node.layer() * (heads + 1);
      case MLP -> 1 + node.layer() * (heads + 1) + heads;
      case LOGITS -> components();
    };
  }

  /** The inputs of {@code node}: q, k, v for a head, the residual otherwise. */
  public List<EdgeInput> inputs(GraphNode node) {
    return node.kind() == GraphNode.Kind.HEAD ? List.of(EdgeInput.Q, EdgeInput.K, EdgeInput.V)
        : List.of(EdgeInput.RESID);
  }

  /**
   * Every receiver from the output backwards: the logits, then per layer from the last its MLP and
   * its heads from the last, each head's q, k and v.
   */
  public List<GraphReceiver> receiversBackwards() {
    List<GraphReceiver> out = new ArrayList<>();
    out.add(new GraphReceiver(GraphNode.logits(), EdgeInput.RESID));
    for (int l = layers - 1; l >= 0; l--) {
      out.add(new GraphReceiver(GraphNode.mlp(l), EdgeInput.RESID));
      for (int h = heads - 1; h >= 0; h--) {
        for (EdgeInput in : List.of(EdgeInput.Q, EdgeInput.K, EdgeInput.V)) {
          out.add(new GraphReceiver(GraphNode.head(l, h), in));
        }
      }
    }
    return out;
  }

  /** Number of edges: every sender into every input of every later receiver. */
  public long edgeCount() {
    long n = 0;
    for (GraphReceiver r : receiversBackwards()) {
      n += senderCount(r.node());
    }
    return n;
  }

  /** Checks that {@code node} exists in this graph. */
  public void check(GraphNode node) {
    boolean ok = switch (node.kind()) {
      case EMBED, LOGITS -> true;
      case HEAD -> node.layer() >= 0 && node.layer() < layers && node.head() >= 0
          && node.head() < heads;
      case MLP -> node.layer() >= 0 && node.layer() < layers;
    };
    if (!ok) {
      throw new CircuitException("node " + node.name() + " is not in this " + layers + " x "
          + heads + " model");
    }
  }
}
