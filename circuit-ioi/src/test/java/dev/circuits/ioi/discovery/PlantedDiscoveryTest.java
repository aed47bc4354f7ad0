package dev.circuits.ioi.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.circuits.core.internal.Json;
import dev.circuits.gpt2.sweep.EdgeInput;
import dev.circuits.gpt2.sweep.GraphEdge;
import dev.circuits.gpt2.sweep.GraphNode;
import dev.circuits.ioi.IoiTokenizers;
import dev.circuits.ioi.PatchDataset;
import dev.circuits.ioi.RemixDatasets;
import dev.circuits.gpt2.model.Head;
import dev.circuits.ioi.planted.PlantedEdges;
import dev.circuits.ioi.planted.PlantedGpt2Small;
import dev.circuits.ioi.planted.PlantedIoiModel;
import dev.circuits.ioi.planted.PlantedModel;
import dev.circuits.ioi.planted.PlantedRoles;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** ACDC finds the planted circuits (small N): every IOI head, no decoy, the role edges. */
class PlantedDiscoveryTest {
  private static DiscoveredCircuit discover(PlantedModel model, int n, AcdcOptions o) {
    RemixDatasets ds = RemixDatasets.build(IoiTokenizers.gpt2(), n);
    return IoiDiscovery.discover(model.load(), ds.ioi(), PatchDataset.ABC.flip(ds.ioi()), o,
        Acdc.Progress.NONE);
  }

  private static PlantedTruth truth(PlantedModel model) {
    return PlantedTruth.of(model.roles(), model.edges());
  }

  private static Set<GraphEdge> kept(DiscoveredCircuit c) {
    return c.edges().stream().map(KeptEdge::edge).collect(Collectors.toSet());
  }

  private static GraphNode node(Head h) {
    return GraphNode.head(h.layer(), h.head());
  }

  /** The role edges every planted model has: marks -> S-inhibition v, S-inhibition -> movers q, movers -> logits. */
  private static void assertRoleEdges(PlantedRoles roles, Set<GraphEdge> kept) {
    for (Head s : roles.sInhibition()) {
      for (Head mark : roles.duplicateToken()) {
        if (mark.layer() < s.layer()) {
          assertTrue(kept.contains(new GraphEdge(node(mark), node(s), EdgeInput.V)),
              mark + " -> " + s + ".v");
        }
      }
      for (Head mark : roles.induction()) {
        assertTrue(kept.contains(new GraphEdge(node(mark), node(s), EdgeInput.V)),
            mark + " -> " + s + ".v");
      }
      for (Head nm : roles.nameMovers()) {
        assertTrue(kept.contains(new GraphEdge(node(s), node(nm), EdgeInput.Q)),
            s + " -> " + nm + ".q");
      }
    }
    for (Head nm : roles.nameMovers()) {
      assertTrue(kept.contains(new GraphEdge(node(nm), GraphNode.logits(), EdgeInput.RESID)),
          nm + " -> logits");
    }
  }

  @Test
  void plantedIoiCircuitIsFoundExactlyWithEitherMetric() {
    for (DiscoveryMetric m : DiscoveryMetric.values()) {
      DiscoveredCircuit c = discover(PlantedIoiModel.MODEL, 8, AcdcOptions.defaults(m));
      CircuitScore s = CircuitScore.of(c, truth(PlantedIoiModel.MODEL));
      assertEquals(1.0, s.headRecall(), m + ": missed " + s.missed());
      assertEquals(1.0, s.headPrecision(), m + ": extra " + s.extra());
      if (m == DiscoveryMetric.LOGIT_DIFF) {
        assertEquals(1.0, s.edgeRecall(), "edges " + c.edges());
        assertEquals(1.0, s.edgePrecision(), "edges " + c.edges());
        assertRoleEdges(PlantedIoiModel.roles(), kept(c));
        Map<GraphNode, FoundRole> roles = FoundRoles.assign(c);
        assertEquals(FoundRole.NAME_MOVER, roles.get(GraphNode.head(3, 0)));
        assertEquals(FoundRole.S_INHIBITION, roles.get(GraphNode.head(2, 0)));
        assertEquals(FoundRole.INDUCTION, roles.get(GraphNode.head(1, 0)));
        assertEquals(FoundRole.DUPLICATE_TOKEN, roles.get(GraphNode.head(0, 0)));
        assertEquals(FoundRole.PREVIOUS_TOKEN, roles.get(GraphNode.head(0, 1)));
        assertTrue(c.stats().edgesKept() < 30 && c.stats().edgesTried() < 200, c.stats().toString());
      }
    }
  }

  @Test
  void plantedGpt2CircuitIsFoundWithoutDecoys() {
    DiscoveredCircuit c = discover(PlantedGpt2Small.MODEL, 4,
        AcdcOptions.defaults(DiscoveryMetric.LOGIT_DIFF));
    CircuitScore s = CircuitScore.of(c, truth(PlantedGpt2Small.MODEL));
    assertEquals(1.0, s.headRecall(), "missed " + s.missed());
    assertEquals(1.0, s.headPrecision(), "extra " + s.extra());
    assertRoleEdges(PlantedGpt2Small.roles(), kept(c));
    assertTrue(c.nodes().contains(GraphNode.mlp(0)), "MLP 0, the extended embedding");
    Map<GraphNode, FoundRole> roles = FoundRoles.assign(c);
    for (Head h : PlantedGpt2Small.roles().negativeNameMovers()) {
      assertEquals(FoundRole.NEGATIVE_NAME_MOVER, roles.get(node(h)), h.toString());
    }
    for (Head h : PlantedGpt2Small.roles().sInhibition()) {
      assertEquals(FoundRole.S_INHIBITION, roles.get(node(h)), h.toString());
    }
  }

  @Test
  void configJsonDeclaresThePlantedEdges() {
    Map<?, ?> json = (Map<?, ?>) Json.parse(Json.write(PlantedIoiModel.configJson()));
    PlantedEdges edges = PlantedEdges.fromJson(json.get(PlantedEdges.CONFIG_KEY), "test");
    assertEquals(PlantedIoiModel.MODEL.edges(), edges);
    assertTrue(edges.edges().contains(new PlantedEdges.Edge("2.0", "3.1", "q")));
    assertTrue(edges.edges().contains(new PlantedEdges.Edge("0.0", "2.0", "v")));
    assertTrue(edges.edges().contains(new PlantedEdges.Edge("3.0", "logits", "resid")));
    assertEquals(List.of(), edges.edges().stream().filter(e -> e.from().equals("1.1")).toList(),
        "decoys have no planted edges");
    PlantedTruth t = truth(PlantedGpt2Small.MODEL);
    assertTrue(t.unscored().contains(GraphNode.head(0, 6)), "name order is not scored");
    assertTrue(t.heads().contains(GraphNode.head(10, 7)));
  }
}
