package dev.circuits.ioi.planted;

import dev.circuits.core.internal.Json;
import dev.circuits.gpt2.model.Gpt2Checkpoint;
import dev.circuits.gpt2.model.Head;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The edges of a planted model's IOI circuit, as stored under {@code "planted_edges"} in its
 * {@code config.json}: {@code [{"from": "2.0", "to": "3.0", "input": "q"}, ...]} (nodes
 * {@code embed}, {@code L.H}, {@code mlpL}, {@code logits}; inputs {@code q}, {@code k},
 * {@code v}, {@code resid}). They follow from the roles by the construction's compositions:
 * duplicate-token and induction heads feed the S-inhibition heads' keys and values, previous-token
 * heads the induction heads' keys and values, S-inhibition heads the name movers' queries, name movers the
 * logits (see PLANTED.md and PLANTED-GPT2.md).
 */
public record PlantedEdges(List<Edge> edges) {
  /** The {@code config.json} key holding the edges. */
  public static final String CONFIG_KEY = "planted_edges";

  /** One edge: {@code from}'s output into {@code to}'s {@code input}. */
  public record Edge(String from, String to, String input) {}

  /** Copies the list, dropping repeats. */
  public PlantedEdges {
    edges = List.copyOf(new LinkedHashSet<>(edges));
  }

  /**
   * The edges the construction plants between the heads of {@code roles}; with
   * {@code extendedEmbedding} (planted-gpt2) also the negative name movers' and MLP 0's edges
   * and the duplicate marks into the movers' keys, which that model adds.
   */
  public static PlantedEdges derive(PlantedRoles roles, boolean extendedEmbedding) {
    List<Edge> out = new ArrayList<>();
    List<Head> marks = new ArrayList<>(roles.duplicateToken());
    marks.addAll(roles.induction());
    connect(out, marks, roles.sInhibition(), "k", "v");
    connect(out, roles.heads(PlantedRole.PREVIOUS_TOKEN), roles.induction(), "k", "v");
    connect(out, roles.sInhibition(), roles.nameMovers(), "q");
    roles.nameMovers().forEach(h -> out.add(new Edge(h.toString(), "logits", "resid")));
    if (extendedEmbedding) {
      connect(out, roles.sInhibition(), roles.negativeNameMovers(), "q");
      roles.negativeNameMovers().forEach(h -> out.add(new Edge(h.toString(), "logits", "resid")));
      List<Head> movers = new ArrayList<>(roles.nameMovers());
      movers.addAll(roles.negativeNameMovers());
      connect(out, marks, movers, "k");
      out.add(new Edge("embed", "mlp0", "resid"));
      for (Head h : roles.duplicateToken()) {
        String src = h.layer() == 0 ? "embed" : "mlp0";
        out.add(new Edge(src, h.toString(), "q"));
        out.add(new Edge(src, h.toString(), "k"));
      }
      roles.induction().forEach(h -> out.add(new Edge("mlp0", h.toString(), "q")));
      roles.heads(PlantedRole.PREVIOUS_TOKEN).forEach(h -> out.add(new Edge("mlp0",
          h.toString(), "v")));
      for (Head h : movers) {
        out.add(new Edge("mlp0", h.toString(), "k"));
        out.add(new Edge("mlp0", h.toString(), "v"));
      }
    }
    return new PlantedEdges(out);
  }

  private static void connect(List<Edge> out, List<Head> from, List<Head> to,
      String... inputs) {
    for (Head f : from) {
      for (Head t : to) {
        if (f.layer() < t.layer()) {
          for (String in : inputs) {
            out.add(new Edge(f.toString(), t.toString(), in));
          }
        }
      }
    }
  }

  /** The JSON value stored under {@link #CONFIG_KEY}. */
  public List<Object> toJson() {
    List<Object> out = new ArrayList<>();
    for (Edge e : edges) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("from", e.from());
      m.put("to", e.to());
      m.put("input", e.input());
      out.add(m);
    }
    return out;
  }

  /** Parses the value stored under {@link #CONFIG_KEY} ({@code source} names it in errors). */
  public static PlantedEdges fromJson(Object value, String source) {
    if (!(value instanceof List<?> list)) {
      throw new PlantedModelException(source + ": '" + CONFIG_KEY + "' must be a list of "
          + "{from, to, input} objects, got " + value);
    }
    List<Edge> out = new ArrayList<>();
    Set<String> inputs = Set.of("q", "k", "v", "resid");
    for (Object o : list) {
      if (!(o instanceof Map<?, ?> m) || !(m.get("from") instanceof String from)
          || !(m.get("to") instanceof String to) || !(m.get("input") instanceof String in)
          || !inputs.contains(in)) {
        throw new PlantedModelException(source + ": '" + CONFIG_KEY + "' has entry " + o
            + "; expected {\"from\": node, \"to\": node, \"input\": q|k|v|resid}");
      }
      out.add(new Edge(from, to, in));
    }
    return new PlantedEdges(out);
  }

  /** Reads the edges from a model folder's {@code config.json}, if it declares them. */
  public static java.util.Optional<PlantedEdges> read(Path modelDir) {
    Path config = modelDir.resolve(Gpt2Checkpoint.CONFIG);
    try {
      Object json = Json.parse(Files.readString(config, StandardCharsets.UTF_8));
      if (json instanceof Map<?, ?> map && map.containsKey(CONFIG_KEY)) {
        return java.util.Optional.of(fromJson(map.get(CONFIG_KEY), config.toString()));
      }
      return java.util.Optional.empty();
    } catch (IOException e) {
      throw new PlantedModelException("cannot read " + config + ": " + e.getMessage(), e);
    }
  }
}
