package dev.circuits.cli;

import dev.circuits.core.internal.AtomicFiles;
import dev.circuits.core.internal.Json;
import dev.circuits.gpt2.model.Gpt2Weights;
import dev.circuits.gpt2.sweep.GraphNode;
import dev.circuits.ioi.IoiDataset;
import dev.circuits.ioi.discovery.Acdc;
import dev.circuits.ioi.discovery.AcdcOptions;
import dev.circuits.ioi.discovery.CircuitScore;
import dev.circuits.ioi.discovery.DiscoveredCircuit;
import dev.circuits.ioi.discovery.DiscoveryException;
import dev.circuits.ioi.discovery.DiscoveryMetric;
import dev.circuits.ioi.discovery.FoundRole;
import dev.circuits.ioi.discovery.FoundRoles;
import dev.circuits.ioi.discovery.IoiDiscovery;
import dev.circuits.ioi.discovery.PlantedTruth;
import dev.circuits.ioi.discovery.RocCurve;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code circuits ioi discover}: ACDC on the head-level graph of a model, on IOI prompts. */
@Command(name = "discover", mixinStandardHelpOptions = true,
    description = "Find the IOI circuit with ACDC: visit every head input, MLP and the logits from "
        + "the output backwards and remove each incoming edge whose patching (from --patch "
        + "prompts) moves the metric by less than --threshold. Prints the kept nodes and edges, "
        + "writes circuit.json, circuit.svg and report.md into --out; --score compares with a "
        + "planted model's declared circuit and sweeps thresholds for a ROC curve.")
final class IoiDiscoverCommand implements Callable<Integer> {
  @Option(names = "--model", required = true,
      description = "planted-gpt2, planted-ioi, a local folder or a Hub id (gpt2).")
  String model;

  @Option(names = "--metric", defaultValue = "logit-diff",
      description = "logit-diff or kl. Default: ${DEFAULT-VALUE}.")
  String metric;

  @Option(names = "--threshold", description = "tau: remove an edge when patching it moves the "
      + "metric by less than this (default 0.02 for logit-diff, 0.0005 for kl).")
  Double threshold;

  @Option(names = "--patch", defaultValue = "abc", description = "Corrupted prompts: abc, "
      + "flipped-io, flipped-s, flipped-io-s or order. Default: ${DEFAULT-VALUE}.")
  String patch;

  @Mixin
  IoiDataOptions data;

  @Option(names = "--json", description = "Print the circuit (and score) as JSON only.")
  boolean json;

  @Option(names = "--out", description = "Write circuit.json, circuit.svg and report.md here "
      + "(and roc.svg with --score).")
  Path out;

  @Option(names = "--score", description = "Score against the model's declared circuit "
      + "(planted_circuit and planted_edges in config.json): precision and recall of heads and "
      + "edges, and a ROC curve over --roc-points thresholds.")
  boolean score;

  @Option(names = "--roc-points", defaultValue = "8", description = "Thresholds of the ROC "
      + "sweep, log-spaced from 50x down to 1/50 of the threshold (default ${DEFAULT-VALUE}).")
  int rocPoints;

  @Override
  public Integer call() {
    DiscoveryMetric m = DiscoveryMetric.parse(metric);
    AcdcOptions options = threshold == null ? AcdcOptions.defaults(m)
        : new AcdcOptions(m, threshold);
    if (rocPoints < 1) {
      throw new DiscoveryException("--roc-points must be >= 1, got " + rocPoints);
    }
    IoiDataset base = data.base();
    IoiDataset corrupt = IoiDataOptions.patch(base, patch);
    PlantedTruth truth = score ? ModelArg.truth(model).orElseThrow(() -> new DiscoveryException(
        "--score needs a model that declares its circuit (planted_circuit and planted_edges in "
            + "config.json), such as planted-ioi or planted-gpt2; '" + model + "' does not"))
        : null;
    Gpt2Weights weights = ModelArg.load(model);
    ProgressBar bar = new ProgressBar(System.err);
    DiscoveredCircuit c = IoiDiscovery.discover(weights, base, corrupt, options,
        (done, total, r, kept) -> bar.update("ACDC", r.toString(), done, total));
    Map<GraphNode, FoundRole> roles = FoundRoles.assign(c);
    CircuitScore sc = truth == null ? null : CircuitScore.of(c, truth);
    RocCurve roc = null;
    if (truth != null && rocPoints > 1) {
      List<Double> ts = RocCurve.logSpaced(options.threshold() / 50, options.threshold() * 50,
          rocPoints);
      roc = RocCurve.sweep(weights, base, corrupt, m, ts, truth,
          (done, total, p) -> bar.update("ROC", String.format(Locale.ROOT, "tau %.4g", p
              .threshold()), done, total));
    }
    Map<String, Object> doc = c.toJson();
    doc.put("roles", roleJson(roles));
    if (sc != null) {
      doc.put("score", sc.toJson());
    }
    if (roc != null) {
      doc.put("roc", rocJson(roc));
    }
    String title = String.format(Locale.ROOT, "ACDC on %s (%s, tau %.4g, %s, N=%d): %d edges",
        model, m.key(), options.threshold(), patch, base.size(), c.edges().size());
    if (out != null) {
      write(out.resolve("circuit.json"), Json.write(doc) + "\n");
      write(out.resolve("circuit.svg"), CircuitSvg.render(c, roles, title));
      if (roc != null) {
        write(out.resolve("roc.svg"), RocSvg.render(roc, "ROC of ACDC on " + model
            + " (" + m.key() + ", " + patch + ")"));
      }
      write(out.resolve("report.md"), report(c, roles, sc, roc, title));
    }
    System.out.print(json ? Json.write(doc) + "\n" : report(c, roles, sc, roc, title));
    return 0;
  }

  private static Map<String, Object> roleJson(Map<GraphNode, FoundRole> roles) {
    Map<String, Object> m = new LinkedHashMap<>();
    roles.forEach((n, r) -> m.put(n.name(), r.label()));
    return m;
  }

  private static List<Object> rocJson(RocCurve roc) {
    List<Object> out = new ArrayList<>();
    for (RocCurve.Point p : roc.points()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("threshold", p.threshold());
      m.put("head_tpr", p.score().headRecall());
      m.put("head_fpr", p.score().headFalsePositiveRate());
      m.put("edge_tpr", p.score().edgeRecall());
      m.put("edge_fpr", p.score().edgeFalsePositiveRate());
      m.put("edges_kept", p.stats().edgesKept());
      m.put("seconds", p.stats().seconds());
      out.add(m);
    }
    return out;
  }

  /** The text report (markdown). */
  static String report(DiscoveredCircuit c, Map<GraphNode, FoundRole> roles, CircuitScore sc,
      RocCurve roc, String title) {
    StringBuilder s = new StringBuilder("# " + title + "\n\n");
    var st = c.stats();
    s.append(String.format(Locale.ROOT, "metric %s: clean %.4f, circuit %.4f (threshold %.4g)%n",
        c.options().metric().key(), c.cleanMetric(), c.circuitMetric(), c.options().threshold()));
    s.append(String.format(Locale.ROOT, "edges: %d in the graph, %d tried (%d evaluations), %d "
        + "removed unevaluated (sender unchanged by the patch), %d removed with a dead receiver, "
        + "%d kept; %d receivers tried, %d dead%n", st.edgesTotal(), st.edgesTried(),
        st.evaluations(), st.edgesUnchanged(), st.edgesDead(), st.edgesKept(), st.receiversTried(),
        st.receiversDead()));
    s.append(String.format(Locale.ROOT, "time: %.1f s (%.0f edges decided/s, %.1f evaluations/s)"
        + "%n%n", st.seconds(), st.edgesPerSecond(), st.evaluationsPerSecond()));
    s.append("nodes: ").append(String.join(" ", c.nodes().stream().map(GraphNode::name)
        .toList())).append("\n\nroles found:\n");
    for (FoundRole r : FoundRole.values()) {
      List<String> hs = roles.entrySet().stream().filter(e -> e.getValue() == r)
          .map(e -> e.getKey().name()).toList();
      if (!hs.isEmpty()) {
        s.append("- ").append(r.label()).append(": ").append(String.join(" ", hs)).append('\n');
      }
    }
    s.append("\nedges (from -> to.input, effect of removing it):\n");
    for (var e : c.edges()) {
      s.append(String.format(Locale.ROOT, "- %s  %+.4f%n", e.edge(), e.effect()));
    }
    if (sc != null) {
      s.append(String.format(Locale.ROOT, "%nscore against the declared circuit: heads precision "
          + "%.3f recall %.3f (%d of %d planted, %d kept); edges precision %.3f recall %.3f (%d of "
          + "%d planted, %d kept among scored heads)%n", sc.headPrecision(), sc.headRecall(),
          sc.headsFound(), sc.headsPlanted(), sc.headsKept(), sc.edgePrecision(), sc.edgeRecall(),
          sc.edgesFound(), sc.edgesPlanted(), sc.edgesKept()));
      if (!sc.missed().isEmpty()) {
        s.append("missed heads: ").append(sc.missed()).append('\n');
      }
      if (!sc.extra().isEmpty()) {
        s.append("extra heads: ").append(sc.extra()).append('\n');
      }
    }
    if (roc != null) {
      s.append("\n| threshold | head TPR | head FPR | edge TPR | edge FPR | edges kept | s |\n"
          + "|---|---|---|---|---|---|---|\n");
      for (RocCurve.Point p : roc.points()) {
        s.append(String.format(Locale.ROOT, "| %.4g | %.3f | %.4f | %.3f | %.5f | %d | %.1f |%n",
            p.threshold(), p.score().headRecall(), p.score().headFalsePositiveRate(),
            p.score().edgeRecall(), p.score().edgeFalsePositiveRate(), p.stats().edgesKept(),
            p.stats().seconds()));
      }
    }
    return s.toString();
  }

  private static void write(Path file, String text) {
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      AtomicFiles.write(file, text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
