package dev.circuits.ioi.claims;

import dev.circuits.ioi.experiments.SweepMatrix;
import dev.circuits.ioi.plot.Chart;
import dev.circuits.ioi.plot.Heatmap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Collects a running claim's report: paragraphs, tables and figures in order, its progress, and
 * its verdict. Figure files are prefixed with the claim id so claims never overwrite each other.
 */
public final class ClaimReport {
  private final Claim claim;
  private final ClaimProgress progress;
  private final List<ReportBlock> blocks = new ArrayList<>();
  private int steps = 1;
  private int done;
  private Verdict verdict;
  private String reason;
  private boolean failed;

  /** A report for {@code claim}, forwarding its steps to {@code progress}. */
  public ClaimReport(Claim claim, ClaimProgress progress) {
    this.claim = claim;
    this.progress = progress;
  }

  /** Declares how many {@link #step} calls the claim will make (for the progress bar). */
  public void steps(int total) {
    steps = Math.max(1, total);
    progress.update(claim.id(), "starting", done, steps);
  }

  /** Announces the next step. */
  public void step(String what) {
    progress.update(claim.id(), what, Math.min(done, steps), steps);
    done++;
  }

  /** Adds a paragraph; formats with {@link String#format} in the root locale when args are given. */
  public void text(String format, Object... args) {
    blocks.add(new ReportBlock.Text(args.length == 0 ? format
        : String.format(Locale.ROOT, format, args)));
  }

  /** Adds preformatted text. */
  public void code(String text) {
    blocks.add(new ReportBlock.Code(text));
  }

  /** Adds a table. */
  public void table(String caption, List<String> header, List<List<String>> rows) {
    blocks.add(new ReportBlock.Table(caption, header, rows));
  }

  /** Adds a heatmap as {@code claim<id>-<name>.png} (and inline SVG in the HTML page). */
  public void heatmap(String name, Heatmap heatmap, String caption) {
    figure(name, heatmap, caption);
  }

  /** Adds a layer-by-component sweep as a heatmap titled {@code title}. */
  public void sweep(String name, SweepMatrix m, String title, String caption) {
    heatmap(name, Heatmap.layerByComponent(Nd4j.createFromArray(m.values()), title,
        "Logit diff variation"), caption);
  }

  /** Adds an attention pattern [query, key] labelled with {@code tokens}. */
  public void attention(String name, INDArray pattern, List<String> tokens, String title,
      String caption) {
    heatmap(name, Heatmap.attention(pattern, tokens, title), caption);
  }

  /** Adds any chart as {@code claim<id>-<name>.png}. */
  public void figure(String name, Chart chart, String caption) {
    blocks.add(new ReportBlock.Figure(caption, fileName(name), chart));
  }

  /** Sets the verdict and the reason, which must carry the numbers it rests on. */
  public void verdict(Verdict v, String format, Object... args) {
    verdict = v;
    reason = args.length == 0 ? format : String.format(Locale.ROOT, format, args);
  }

  /** Records that the experiment failed with {@code error}; the verdict becomes inconclusive. */
  public void fail(RuntimeException error) {
    failed = true;
    verdict(Verdict.INCONCLUSIVE, "the experiment failed: %s", error.toString());
  }

  /** The blocks so far. */
  public List<ReportBlock> blocks() {
    return List.copyOf(blocks);
  }

  /** The finished result; a claim that set no verdict is reported as inconclusive. */
  public ClaimResult result(double seconds) {
    progress.update(claim.id(), "done", steps, steps);
    return new ClaimResult(claim.id(), claim.title(), claim.statement(),
        verdict == null ? Verdict.INCONCLUSIVE : verdict,
        reason == null ? "the claim's runner set no verdict" : reason, blocks, seconds, failed);
  }

  private String fileName(String name) {
    return "claim" + claim.id() + "-" + name.replaceAll("[^A-Za-z0-9._-]", "_") + ".png";
  }
}
