package dev.circuits.cli;

import dev.circuits.core.eval.Evaluator;
import dev.circuits.core.internal.Json;
import dev.circuits.gpt2.model.Channel;
import dev.circuits.gpt2.model.Gpt2Weights;
import dev.circuits.gpt2.model.Head;
import dev.circuits.ioi.IoiDataset;
import dev.circuits.ioi.experiments.IoiPatchSetup;
import dev.circuits.ioi.experiments.PatchSweep;
import dev.circuits.ioi.experiments.SweepMatrix;
import dev.circuits.ioi.plot.Heatmap;
import dev.circuits.report.ChartPng;
import dev.circuits.report.HeatmapSvg;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code circuits ioi path-patch}: a REMIX layer-by-component path-patching sweep. */
@Command(name = "path-patch", mixinStandardHelpOptions = true,
    description = "Path-patch every head and MLP at --position into the receivers (the logits, or "
        + "heads at --receiver-position through --channel) with a flipped dataset; prints the "
        + "[layer x component] matrix of mean logit-difference change.")
final class IoiPathPatchCommand implements Callable<Integer> {
  @Option(names = "--model", required = true,
      description = "planted-gpt2, planted-ioi, a local folder or a Hub id (gpt2).")
  String model;

  @Option(names = "--receiver", defaultValue = "logits",
      description = "logits, or comma-separated heads (a3.h0,a3.h1 or 9.9,10.0).")
  String receiver;

  @Option(names = "--channel", defaultValue = "all", description = "all, q, k or v.")
  String channel;

  @Option(names = "--position", defaultValue = "END",
      description = "Senders' word position: END, S2, IO, S1, S1+1.")
  String position;

  @Option(names = "--receiver-position", defaultValue = "END",
      description = "Receiver heads' word position (default END).")
  String receiverPosition;

  @Option(names = "--patch", required = true,
      description = "flipped-io, flipped-s, flipped-io-s, order or abc.")
  String patch;

  @Mixin
  IoiDataOptions data;

  @Option(names = "--engine", defaultValue = "fast", description = "fast (two cached forward "
      + "runs, all senders batched) or generic (the path-sensitive engine on the patched circuits; "
      + "the reference, much slower). Default: ${DEFAULT-VALUE}.")
  String engine;

  @Option(names = "--json", description = "Print {rows, cols, values, reference} as JSON.")
  boolean json;

  @Option(names = "--png", description = "Write the heatmap as a PNG.")
  Path png;

  @Option(names = "--html", description = "Write the heatmap as an HTML page.")
  Path html;

  @Override
  public Integer call() {
    Channel ch = Channel.parse(channel);
    List<Head> heads = receivers();
    IoiDataset base = data.base();
    IoiDataset patched = IoiDataOptions.patch(base, patch);
    Gpt2Weights weights = ModelArg.load(model);
    heads.forEach(h -> h.checkIn(weights.config()));
    PatchSweep.Spec spec = new PatchSweep.Spec(heads, ch, receiverPosition, position);
    SweepMatrix m = PatchSweep.run(IoiPatchSetup.of(weights, base), patched, spec,
        Evaluator.builder().memoryBudgetBytes(0).build(), engine());
    if (json) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("rows", m.rows());
      out.put("cols", m.cols());
      List<Object> values = new ArrayList<>();
      for (double[] row : m.values()) {
        values.add(java.util.Arrays.stream(row).boxed().toList());
      }
      out.put("values", values);
      out.put("reference", m.reference());
      System.out.println(Json.write(out));
    } else {
      printText(m);
    }
    if (png != null || html != null) {
      Heatmap h = Heatmap.layerByComponent(Nd4j.createFromArray(m.values()),
          "Logit diff variation (" + patch + ", " + receiver + ", " + channel + ", senders at "
              + position + ")", "Logit diff variation");
      if (png != null) {
        ChartPng.write(h, png);
      }
      if (html != null) {
        HeatmapSvg.writeHtml(h, html);
      }
    }
    return 0;
  }

  private List<Head> receivers() {
    if ("logits".equals(receiver)) {
      return List.of();
    }
    List<Head> out = new ArrayList<>();
    for (String s : receiver.split(",")) {
      out.add(PatchSweep.parseHead(s));
    }
    return out;
  }

  private PatchSweep.Engine engine() {
    return switch (engine.toLowerCase(Locale.ROOT)) {
      case "fast" -> PatchSweep.Engine.FAST;
      case "generic" -> PatchSweep.Engine.GENERIC;
      default -> throw new IllegalArgumentException("--engine must be fast or generic, got '"
          + engine + "'");
    };
  }

  private void printText(SweepMatrix m) {
    System.out.printf(Locale.ROOT, "reference logit diff %.4f; mean change per sender "
        + "(%s -> %s, channel %s, patch %s), %.1f s%n", m.reference(), position, receiver,
        channel, patch, m.seconds());
    System.out.println(m.table());
    System.out.println("largest |change|: " + String.join(", ",
        m.ranking().subList(0, Math.min(5, m.ranking().size()))));
  }
}
