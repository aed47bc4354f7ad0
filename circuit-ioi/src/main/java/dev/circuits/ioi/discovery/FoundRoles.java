package dev.circuits.ioi.discovery;

import dev.circuits.gpt2.sweep.EdgeInput;
import dev.circuits.gpt2.sweep.GraphNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Roles of a discovered circuit's heads from its structure alone, as the IOI paper names them:
 * movers feed the logits (name movers raise the logit difference, negative ones lower it),
 * S-inhibition heads feed a mover's query, duplicate-token and induction heads an S-inhibition
 * head's key or value (induction heads have a head feeding their key), previous-token heads an
 * induction head's key. The first that applies wins.
 */
public final class FoundRoles {
  private FoundRoles() {}

  /** The role of every head of {@code c}, in the circuit's node order. */
  public static Map<GraphNode, FoundRole> assign(DiscoveredCircuit c) {
    List<GraphNode> heads = c.heads();
    Map<GraphNode, FoundRole> roles = new LinkedHashMap<>();
    for (GraphNode h : heads) {
      double effect = c.edges().stream().filter(e -> e.edge().from().equals(h)
          && e.edge().to().kind() == GraphNode.Kind.LOGITS).mapToDouble(KeptEdge::effect)
          .findFirst().orElse(Double.NaN);
      if (!Double.isNaN(effect) || feeds(c, h, GraphNode.logits())) {
        boolean raises = c.options().metric() == DiscoveryMetric.KL || !(effect > 0);
        roles.put(h, raises ? FoundRole.NAME_MOVER : FoundRole.NEGATIVE_NAME_MOVER);
      }
    }
    assignFeeding(c, heads, roles, r -> r == FoundRole.NAME_MOVER
        || r == FoundRole.NEGATIVE_NAME_MOVER, List.of(EdgeInput.Q), null);
    for (GraphNode h : heads) {
      if (!roles.containsKey(h) && feedsRole(c, h, roles, FoundRole.S_INHIBITION,
          List.of(EdgeInput.K, EdgeInput.V))) {
        boolean headIntoKey = c.edges().stream().anyMatch(e -> e.edge().to().equals(h)
            && e.edge().input() == EdgeInput.K && e.edge().from().kind() == GraphNode.Kind.HEAD);
        roles.put(h, headIntoKey ? FoundRole.INDUCTION : FoundRole.DUPLICATE_TOKEN);
      }
    }
    assignFeeding(c, heads, roles, r -> r == FoundRole.INDUCTION, List.of(EdgeInput.K),
        FoundRole.PREVIOUS_TOKEN);
    Map<GraphNode, FoundRole> out = new LinkedHashMap<>();
    for (GraphNode h : heads) {
      out.put(h, roles.getOrDefault(h, FoundRole.OTHER));
    }
    return out;
  }

  private static void assignFeeding(DiscoveredCircuit c, List<GraphNode> heads,
      Map<GraphNode, FoundRole> roles, Predicate<FoundRole> target, List<EdgeInput> inputs,
      FoundRole as) {
    FoundRole role = as == null ? FoundRole.S_INHIBITION : as;
    for (GraphNode h : heads) {
      if (roles.containsKey(h)) {
        continue;
      }
      boolean feeds = c.edges().stream().anyMatch(e -> e.edge().from().equals(h)
          && inputs.contains(e.edge().input()) && target.test(roles.get(e.edge().to())));
      if (feeds) {
        roles.put(h, role);
      }
    }
  }

  private static boolean feedsRole(DiscoveredCircuit c, GraphNode h,
      Map<GraphNode, FoundRole> roles, FoundRole role, List<EdgeInput> inputs) {
    return c.edges().stream().anyMatch(e -> e.edge().from().equals(h)
        && inputs.contains(e.edge().input()) && roles.get(e.edge().to()) == role);
  }

  private static boolean feeds(DiscoveredCircuit c, GraphNode h, GraphNode to) {
    return c.edges().stream().anyMatch(e -> e.edge().from().equals(h) && e.edge().to().equals(to));
  }
}
