package dev.circuits.ioi.discovery;

import dev.circuits.gpt2.sweep.EdgeInput;
import dev.circuits.gpt2.sweep.GraphEdge;
import dev.circuits.gpt2.sweep.GraphNode;
import dev.circuits.gpt2.model.Head;
import dev.circuits.ioi.planted.PlantedEdges;
import dev.circuits.ioi.planted.PlantedRole;
import dev.circuits.ioi.planted.PlantedRoles;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A declared circuit to score discoveries against: the heads of the IOI roles (duplicate-token,
 * previous-token, induction, S-inhibition, name movers, negative name movers) are positives, every
 * other head a negative, except the heads that are not scored: backup name movers (idle while the
 * name movers work, so no patch of the clean run can see them) and the name-order head (its output
 * does not depend on which names a prompt holds). Edges: the declared edges between heads and into
 * the logits are positives, every other such edge between scored heads a negative; edges from the
 * embeddings or MLPs are not scored.
 */
public record PlantedTruth(Set<GraphNode> heads, Set<GraphNode> unscored, Set<GraphEdge> edges) {
  private static final Set<PlantedRole> UNSCORED = Set.of(PlantedRole.BACKUP_NAME_MOVER,
      PlantedRole.NAME_ORDER);

  /** Copies the sets. */
  public PlantedTruth {
    heads = Set.copyOf(heads);
    unscored = Set.copyOf(unscored);
    edges = Set.copyOf(edges);
  }

  /** The truth a planted model declares in its roles and edges. */
  public static PlantedTruth of(PlantedRoles roles, PlantedEdges declared) {
    Set<GraphNode> heads = new HashSet<>();
    Set<GraphNode> unscored = new HashSet<>();
    for (PlantedRole r : PlantedRole.values()) {
      if (r == PlantedRole.DECOY) {
        continue;
      }
      for (Head h : roles.heads(r)) {
        (UNSCORED.contains(r) ? unscored : heads).add(GraphNode.head(h.layer(), h.head()));
      }
    }
    Set<GraphEdge> edges = new HashSet<>();
    for (PlantedEdges.Edge e : declared.edges()) {
      GraphEdge g = new GraphEdge(GraphNode.parse(e.from()), GraphNode.parse(e.to()),
          EdgeInput.parse(e.input()));
      if (scored(g, unscored)) {
        edges.add(g);
      }
    }
    return new PlantedTruth(heads, unscored, edges);
  }

  /** Whether {@code e} is scored: from a scored head into a scored head or the logits. */
  public boolean scored(GraphEdge e) {
    return scored(e, unscored);
  }

  /** Whether {@code n} is a scored head. */
  public boolean scored(GraphNode n) {
    return n.kind() == GraphNode.Kind.HEAD && !unscored.contains(n);
  }

  private static boolean scored(GraphEdge e, Set<GraphNode> unscored) {
    boolean from = e.from().kind() == GraphNode.Kind.HEAD && !unscored.contains(e.from());
    boolean to = e.to().kind() == GraphNode.Kind.LOGITS
        || (e.to().kind() == GraphNode.Kind.HEAD && !unscored.contains(e.to()));
    return from && to;
  }

  /** Scored heads of an {@code layers} x {@code n} model that are not positives. */
  public long negativeHeads(int layers, int n) {
    return (long) layers * n - heads.size() - unscored.size();
  }

  /** Scored edges of an {@code layers} x {@code n} model that are not positives. */
  public long negativeEdges(int layers, int n) {
    long total = 0; // every scored head feeds the logits, and q, k, v of each later scored head
    for (int l = 0; l < layers; l++) {
      for (int h = 0; h < n; h++) {
        GraphNode node = GraphNode.head(l, h);
        if (!scored(node)) {
          continue;
        }
        total++;
        total += 3L * countScored(l + 1, layers, n);
      }
    }
    return total - edges.size();
  }

  private long countScored(int fromLayer, int layers, int n) {
    long c = 0;
    for (int l = fromLayer; l < layers; l++) {
      for (int h = 0; h < n; h++) {
        if (scored(GraphNode.head(l, h))) {
          c++;
        }
      }
    }
    return c;
  }

  /** The positives in a list, for reports. */
  public List<GraphNode> sortedHeads() {
    return heads.stream().sorted(java.util.Comparator.comparingInt(GraphNode::layer)
        .thenComparingInt(GraphNode::head)).toList();
  }
}
