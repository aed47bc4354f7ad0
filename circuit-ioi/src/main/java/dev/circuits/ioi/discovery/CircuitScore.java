package dev.circuits.ioi.discovery;

import dev.circuits.gpt2.sweep.GraphEdge;
import dev.circuits.gpt2.sweep.GraphNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Precision and recall of a discovered circuit against a declared one ({@link PlantedTruth}), for
 * heads and for edges, with the true and false positive rates a ROC curve plots and the heads
 * missed and wrongly kept.
 */
public record CircuitScore(int headsFound, int headsKept, int headsPlanted, long headNegatives,
    int edgesFound, int edgesKept, int edgesPlanted, long edgeNegatives, List<GraphNode> missed,
    List<GraphNode> extra) {
  /** Scores {@code c} against {@code truth}. */
  public static CircuitScore of(DiscoveredCircuit c, PlantedTruth truth) {
    List<GraphNode> kept = c.heads().stream().filter(truth::scored).toList();
    Set<GraphNode> keptSet = Set.copyOf(kept);
    int found = (int) kept.stream().filter(truth.heads()::contains).count();
    List<GraphNode> missed = truth.sortedHeads().stream().filter(h -> !keptSet.contains(h))
        .toList();
    List<GraphNode> extra = kept.stream().filter(h -> !truth.heads().contains(h)).toList();
    Set<GraphEdge> edges = c.edges().stream().map(KeptEdge::edge).filter(truth::scored)
        .collect(Collectors.toSet());
    int edgesFound = (int) edges.stream().filter(truth.edges()::contains).count();
    int layers = c.graph().layers();
    int heads = c.graph().heads();
    return new CircuitScore(found, kept.size(), truth.heads().size(),
        truth.negativeHeads(layers, heads), edgesFound, edges.size(), truth.edges().size(),
        truth.negativeEdges(layers, heads), missed, extra);
  }

  /** Found / kept heads (1 when none kept). */
  public double headPrecision() {
    return headsKept == 0 ? 1 : (double) headsFound / headsKept;
  }

  /** Found / planted heads. */
  public double headRecall() {
    return headsPlanted == 0 ? 1 : (double) headsFound / headsPlanted;
  }

  /** Found / kept edges among scored edges (1 when none kept). */
  public double edgePrecision() {
    return edgesKept == 0 ? 1 : (double) edgesFound / edgesKept;
  }

  /** Found / planted edges. */
  public double edgeRecall() {
    return edgesPlanted == 0 ? 1 : (double) edgesFound / edgesPlanted;
  }

  /** Wrongly kept heads / negative heads. */
  public double headFalsePositiveRate() {
    return headNegatives == 0 ? 0 : (double) (headsKept - headsFound) / headNegatives;
  }

  /** Wrongly kept edges / negative edges. */
  public double edgeFalsePositiveRate() {
    return edgeNegatives == 0 ? 0 : (double) (edgesKept - edgesFound) / edgeNegatives;
  }

  /** The score as JSON. */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("head_precision", headPrecision());
    m.put("head_recall", headRecall());
    m.put("edge_precision", edgePrecision());
    m.put("edge_recall", edgeRecall());
    m.put("heads_found", (long) headsFound);
    m.put("heads_kept", (long) headsKept);
    m.put("heads_planted", (long) headsPlanted);
    m.put("edges_found", (long) edgesFound);
    m.put("edges_kept", (long) edgesKept);
    m.put("edges_planted", (long) edgesPlanted);
    m.put("missed_heads", missed.stream().map(GraphNode::name).toList());
    m.put("extra_heads", extra.stream().map(GraphNode::name).toList());
    return m;
  }
}
