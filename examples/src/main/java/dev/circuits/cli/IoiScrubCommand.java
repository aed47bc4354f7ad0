package dev.circuits.cli;

import dev.circuits.core.eval.Evaluator;
import dev.circuits.core.io.IoErrors;
import dev.circuits.ioi.IoiDataset;
import dev.circuits.ioi.experiments.HypothesisFile;
import dev.circuits.ioi.experiments.LogitDiffScrub;
import dev.circuits.scrubbing.LabelMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code circuits ioi scrub}: runs a causal-scrubbing hypothesis file on the logit difference. */
@Command(name = "scrub", mixinStandardHelpOptions = true,
    description = "Causal-scrubs the logit difference at END under a JSON hypothesis "
        + "(see HypothesisFile) and prints the recovered fraction mean(scrubbed) / mean(clean).")
final class IoiScrubCommand implements Callable<Integer> {
  @Option(names = "--model", required = true,
      description = "planted-gpt2, planted-ioi, a local folder or a Hub id (gpt2).")
  String model;

  @Option(names = "--hypothesis", required = true, description = "The hypothesis JSON file.")
  Path hypothesis;

  @Option(names = "--labels", defaultValue = "reference",
      description = "reference (labels stay the reference prompt's; default) or follow "
          + "(REMIX: labels follow the root's resampled prompt).")
  String labels;

  @Option(names = "--scrub-seed", defaultValue = "1",
      description = "Seed of the resampling (default 1).")
  long scrubSeed;

  @Mixin
  IoiDataOptions data;

  @Override
  public Integer call() {
    long start = System.nanoTime();
    LabelMode mode = switch (labels) {
      case "reference" -> LabelMode.REFERENCE;
      case "follow" -> LabelMode.FOLLOW_SAMPLED;
      default -> throw new IllegalArgumentException("--labels must be follow or reference, not '"
          + labels + "'");
    };
    String text;
    try {
      text = Files.readString(hypothesis);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the hypothesis file: " + IoErrors.describe(e),
          e);
    }
    HypothesisFile h = HypothesisFile.parse(text);
    IoiDataset ds = data.base();
    LogitDiffScrub.Result r = h.run(LogitDiffScrub.of(ModelArg.load(model), ds), mode, scrubSeed,
        Evaluator.create());
    System.out.printf(Locale.ROOT, "%s: N=%d labels %s clean %.4f scrubbed %.4f recovered %.4f "
        + "(%.1f s)%n", hypothesis.getFileName(), ds.size(), labels, r.clean(), r.scrubbed(),
        r.recovered(), (System.nanoTime() - start) / 1e9);
    return 0;
  }
}
