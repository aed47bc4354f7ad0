package dev.circuits.cli;

import dev.circuits.core.eval.Evaluator;
import dev.circuits.gpt2.model.AttentionPatterns;
import dev.circuits.gpt2.model.Gpt2BuildOptions;
import dev.circuits.gpt2.model.Gpt2Circuit;
import dev.circuits.gpt2.model.Gpt2Weights;
import dev.circuits.gpt2.model.Head;
import dev.circuits.ioi.IoiDataset;
import dev.circuits.ioi.experiments.PatchSweep;
import dev.circuits.ioi.plot.Heatmap;
import dev.circuits.report.ChartPng;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code circuits ioi attention}: mean attention patterns of chosen heads on an IOI dataset. */
@Command(name = "attention", mixinStandardHelpOptions = true,
    description = "Mean attention pattern [query x key] of each head over the dataset's prompts "
        + "(REMIX's single template: aligned positions), labelled with prompt 0's tokens.")
final class IoiAttentionCommand implements Callable<Integer> {
  @Option(names = "--model", required = true,
      description = "planted-gpt2, planted-ioi, a local folder or a Hub id (gpt2).")
  String model;

  @Option(names = "--heads", required = true, split = ",",
      description = "Heads, comma-separated: 3.0,2.0 or a3.h0,a2.h0.")
  List<String> heads;

  @Mixin
  IoiDataOptions data;

  @Option(names = "--png", description = "Write a PNG per head (FILE for one head, "
      + "FILE-stem_aL.hH.png for several).")
  Path png;

  @Override
  public Integer call() {
    List<Head> hs = new ArrayList<>();
    for (String h : heads) {
      hs.add(PatchSweep.parseHead(h));
    }
    IoiDataset ds = data.base();
    Gpt2Weights weights = ModelArg.load(model);
    hs.forEach(h -> h.checkIn(weights.config()));
    Gpt2Circuit m = Gpt2Circuit.build(weights, Gpt2BuildOptions.split(ds.maxLength()));
    INDArray all = AttentionPatterns.patterns(m, hs, ds.modelTokens(),
        Evaluator.create());
    List<String> tokens = new ArrayList<>(ds.textTokens().get(0));
    while (tokens.size() < ds.maxLength()) {
      tokens.add("<pad>");
    }
    for (int i = 0; i < hs.size(); i++) {
      INDArray mean = all.get(NDArrayIndex.point(i)).mean(0);
      String name = hs.get(i).nodeName();
      System.out.println("# " + name + ": mean attention over " + ds.size()
          + " prompts; prompt 0: " + ds.texts().get(0));
      for (int q = 0; q < tokens.size(); q++) {
        StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%3d %-10s", q,
            tokens.get(q).isBlank() ? "'" + tokens.get(q) + "'" : tokens.get(q).strip()));
        for (int k = 0; k <= q; k++) {
          row.append(String.format(Locale.ROOT, " %.2f", mean.getDouble(q, k)));
        }
        System.out.println(row);
      }
      if (png != null) {
        ChartPng.write(Heatmap.attention(mean, tokens,
            name + " attention (mean over " + ds.size() + " prompts)"), pngFor(name));
      }
    }
    return 0;
  }

  private Path pngFor(String head) {
    if (heads.size() == 1) {
      return png;
    }
    String file = png.getFileName().toString();
    String stem = file.endsWith(".png") ? file.substring(0, file.length() - 4) : file;
    return png.resolveSibling(stem + "_" + head + ".png");
  }
}
