package dev.circuits.ioi.discovery;

import dev.circuits.gpt2.sweep.EdgeInput;
import dev.circuits.gpt2.sweep.GraphNode;
import dev.circuits.gpt2.sweep.HeadGraph;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A circuit found by {@link Acdc}: its kept edges (with their effects), the nodes they join, the
 * metric and threshold, the metric of the clean model and of the circuit (every removed edge
 * patched), and the run's statistics.
 */
public record DiscoveredCircuit(HeadGraph graph, List<KeptEdge> edges, AcdcOptions options,
    double cleanMetric, double circuitMetric, AcdcStats stats) {
  /** Copies the edges. */
  public DiscoveredCircuit {
    edges = List.copyOf(edges);
  }

  /** The nodes the kept edges join, in topological order (embed first, logits last). */
  public List<GraphNode> nodes() {
    Set<GraphNode> set = new LinkedHashSet<>();
    for (KeptEdge e : edges) {
      set.add(e.edge().from());
      set.add(e.edge().to());
    }
    List<GraphNode> out = new ArrayList<>(set);
    out.sort(Comparator.comparingInt(this::order));
    return out;
  }

  /** The heads among {@link #nodes()}. */
  public List<GraphNode> heads() {
    return nodes().stream().filter(n -> n.kind() == GraphNode.Kind.HEAD).toList();
  }

  /** {@code {"nodes": [...], "edges": [{"from","to","input","effect"}], "metric", "threshold", ...}}. */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("nodes", nodes().stream().map(GraphNode::name).toList());
    List<Object> es = new ArrayList<>();
    for (KeptEdge e : edges) {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("from", e.edge().from().name());
      x.put("to", e.edge().to().name());
      x.put("input", e.edge().input() == EdgeInput.RESID ? "resid" : e.edge().input().key());
      x.put("effect", e.effect());
      es.add(x);
    }
    m.put("edges", es);
    m.put("metric", options.metric().key());
    m.put("threshold", options.threshold());
    m.put("clean_metric", cleanMetric);
    m.put("circuit_metric", circuitMetric);
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("edges_total", stats.edgesTotal());
    s.put("edges_tried", stats.edgesTried());
    s.put("evaluations", stats.evaluations());
    s.put("edges_unchanged", stats.edgesUnchanged());
    s.put("edges_dead", stats.edgesDead());
    s.put("edges_kept", stats.edgesKept());
    s.put("seconds", stats.seconds());
    m.put("stats", s);
    return m;
  }

  private int order(GraphNode n) {
    return n.kind() == GraphNode.Kind.LOGITS ? Integer.MAX_VALUE : graph.index(n);
  }
}
