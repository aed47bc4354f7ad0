package dev.circuits.ioi.claims;

import dev.circuits.gpt2.model.Head;
import dev.circuits.ioi.experiments.HeadKnockout;
import dev.circuits.ioi.experiments.IoiPatchSetup;
import dev.circuits.ioi.experiments.PatchSweep;
import dev.circuits.ioi.experiments.SweepMatrix;
import dev.circuits.ioi.plot.Heatmap;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.nd4j.linalg.factory.Nd4j;

/**
 * REMIX Part 4, Claim 6 (spec remix-ioi.md §7.7): knock the discovered name movers out (resampled
 * from the ABC prompts, and mean-ablated over flipped IO+S), measure what is left of the logit
 * difference, and re-run the flipped-IO direct-effect scan on the knocked-out model to find heads
 * that now raise the IO logit (backup name movers, IOI paper §3.4).
 */
final class Claim6BackupNameMovers implements Claim {
  /** The ld "collapses" when a knockout leaves at most this share of the reference... */
  static final double COLLAPSED_FRACTION = 0.1;
  /** ...and "stays clearly positive" when it leaves more than this share. */
  static final double SURVIVES_FRACTION = 0.2;
  private static final int TABLE_ROWS = 10;

  /** One way of knocking the name movers out (short name for plot titles), with its setup. */
  private record Knockout(String label, String key, String shortName, IoiPatchSetup setup) {}

  /** A knockout's logit difference and its direct-effect scan. */
  private record Outcome(Knockout knockout, double ld, SweepMatrix after, SweepMatrix change) {}

  @Override
  public String id() {
    return "6";
  }

  @Override
  public String title() {
    return "Knocking out the name movers: do backup heads take over?";
  }

  @Override
  public String statement() {
    return "Name Movers are the only heads that can make the logit difference positive.";
  }

  @Override
  public void run(ClaimContext ctx, ClaimReport r) {
    r.steps(5);
    r.step("reference and name movers");
    double refLd = ctx.reference().mean();
    SweepMatrix before = ctx.directEffect("flipped-io");
    List<Head> movers = ctx.nameMovers();
    r.text("Reference logit difference on the baseline (N = %d): %.3f. Name movers found by the "
        + "flipped-IO direct-effect scan: %s.", ctx.n(), refLd,
        Heads.compare(movers, ctx.expected().heads(IoiRole.NAME_MOVER)));
    if (movers.isEmpty()) {
      r.verdict(Verdict.INCONCLUSIVE, "no name mover passed the discovery threshold (%.0f%% of "
          + "the reference ld %.3f), so there is nothing to knock out.",
          100 * ClaimContext.MIN_OF_REFERENCE, refLd);
      return;
    }

    r.step("knockouts");
    IoiPatchSetup setup = ctx.setup();
    List<Integer> all = HeadKnockout.allPositions(setup);
    List<Integer> end = List.of(setup.position("END"));
    Knockout resample = new Knockout("resampled from ABC, all positions", "abc", "ABC-resampled",
        HeadKnockout.resample(setup, movers, all, ctx.patch("abc")));
    Knockout mean = new Knockout("mean over flipped IO+S, all positions", "mean", "mean-ablated",
        HeadKnockout.mean(setup, movers, all, ctx.patch("flipped-io-s")));
    List<Knockout> endOnly = List.of(
        new Knockout("resampled from ABC, END only", "abc-end", "ABC-resampled at END",
            HeadKnockout.resample(setup, movers, end, ctx.patch("abc"))),
        new Knockout("mean over flipped IO+S, END only", "mean-end", "mean-ablated at END",
            HeadKnockout.mean(setup, movers, end, ctx.patch("flipped-io-s"))));
    List<List<String>> ldRows = new ArrayList<>();
    List<Double> lds = new ArrayList<>();
    for (Knockout k : List.of(resample, mean, endOnly.get(0), endOnly.get(1))) {
      double ld = k.setup().reference();
      lds.add(ld);
      ldRows.add(List.of(k.label(), Part3Claim.fmt(ld), pct(ld / refLd),
          pct(1 - ld / refLd)));
    }
    r.text("Knockout of %s. Resampling replaces each name mover's output on prompt i by its "
        + "output on ABC prompt i (S1 replaced by a third name, so no name is repeated and "
        + "nothing tells the head which name to avoid). Mean ablation replaces it by its mean "
        + "over the flipped-IO+S prompts: their names are drawn independently of the baseline's, "
        + "so the mean keeps the head's typical output (and the residual's scale) without "
        + "leaking this prompt's IO or S, which a mean over the baseline itself would do "
        + "with weight 1/N.", Heads.labels(movers));
    r.table("Logit difference after knocking out the name movers (reference " + Part3Claim.fmt(
        refLd) + "; IOI paper on GPT-2 small: knocking out the three name movers costs ~5%)",
        List.of("knockout", "ld", "share of reference", "lost"), ldRows);

    List<Outcome> outcomes = new ArrayList<>();
    Knockout[] scanned = {resample, mean};
    for (int i = 0; i < scanned.length; i++) {
      r.step("direct effect after knockout (" + scanned[i].label() + ")");
      SweepMatrix after = PatchSweep.run(scanned[i].setup(), ctx.patch("flipped-io"),
          PatchSweep.Spec.logits(), ctx.evaluator());
      outcomes.add(new Outcome(scanned[i], lds.get(i), after,
          Part3Claim.combine(after, before, -1)));
    }

    r.step("backup name movers");
    double extent = extent(before, outcomes);
    r.heatmap("direct-before", onScale(before, "Direct effect (flipped IO), intact", extent),
        "Direct paths to the logits patched from flipped IO on the intact model (Part 3's scan); "
        + "all maps of this claim share this colour scale.");
    Set<Head> raisers = new LinkedHashSet<>();
    Set<Head> backups = new LinkedHashSet<>();
    double minEffect = ClaimContext.MIN_OF_REFERENCE * Math.abs(refLd);
    for (Outcome o : outcomes) {
      List<Head> raising = without(Heads.select(o.after(), Heads.Sign.NEGATIVE, minEffect,
          ClaimContext.MIN_OF_STRONGEST, ClaimContext.MAX_HEADS), movers);
      List<Head> grew = without(Heads.select(o.change(), Heads.Sign.NEGATIVE, minEffect,
          ClaimContext.MIN_OF_STRONGEST, ClaimContext.MAX_HEADS), movers);
      raisers.addAll(raising);
      backups.addAll(grew);
      r.text("Name movers %s: ld %.3f (%s of the reference). Other heads whose direct effect "
          + "now raises the ld by >= %.0f%% of the reference: %s. Heads whose direct effect "
          + "moved towards IO by >= %.0f%% of the reference (backup name movers): %s.",
          o.knockout().label(), o.ld(), pct(o.ld() / refLd), 100 * ClaimContext.MIN_OF_REFERENCE,
          Heads.labels(raising), 100 * ClaimContext.MIN_OF_REFERENCE, Heads.labels(grew));
      r.heatmap("direct-after-" + o.knockout().key(), onScale(o.after(), "Direct effect, NMs "
          + o.knockout().shortName(), extent), "The flipped-IO scan on the model with "
          + Heads.labels(movers) + " " + o.knockout().label() + " (their cells are 0: their "
          + "output no longer depends on the tokens). Negative: the head now raises the IO "
          + "logit.");
      r.heatmap("direct-change-" + o.knockout().key(), onScale(o.change(), "Change, NMs "
          + o.knockout().shortName(), extent), "After - before: change of each head's "
          + "flipped-IO direct effect when the name movers are " + o.knockout().label()
          + ". Negative: the head's direct "
          + "effect grew towards IO once the name movers were gone (a backup name mover).");
    }
    r.table("Strongest changes of the flipped-IO direct effect (mean change of the ld)",
        List.of("component", "before", "after (ABC)", "change (ABC)", "after (mean)",
            "change (mean)"), changeRows(before, outcomes.get(0), outcomes.get(1)));
    List<Head> backupList = List.copyOf(backups);
    r.text("Backup name movers: %s.", Heads.compare(backupList,
        ctx.expected().heads(IoiRole.BACKUP_NAME_MOVER)));

    verdict(r, refLd, movers, outcomes, List.copyOf(raisers), backupList);
  }

  private static void verdict(ClaimReport r, double refLd, List<Head> movers,
      List<Outcome> outcomes, List<Head> raisers, List<Head> backups) {
    double primary = outcomes.get(0).ld() / refLd;
    double secondary = outcomes.get(1).ld() / refLd;
    String numbers = String.format(Locale.ROOT, "knocking out %s leaves ld %.3f (%s of the "
        + "reference %.3f) when resampled from ABC and %.3f (%s) when mean-ablated; other heads "
        + "raising the ld by >= %.0f%% of the reference afterwards: %s; backup heads (direct "
        + "effect moved towards IO by >= %.0f%%): %s", Heads.labels(movers),
        outcomes.get(0).ld(), pct(primary), refLd, outcomes.get(1).ld(), pct(secondary),
        100 * ClaimContext.MIN_OF_REFERENCE, Heads.labels(raisers),
        100 * ClaimContext.MIN_OF_REFERENCE, Heads.labels(backups));
    switch (decide(primary, secondary, !raisers.isEmpty(), !backups.isEmpty())) {
      case REFUTED -> r.verdict(Verdict.REFUTED, "%s: the ld stays above %.0f%% of the "
          + "reference and other heads take over.", numbers, 100 * SURVIVES_FRACTION);
      case SUPPORTED -> r.verdict(Verdict.SUPPORTED, "%s: the ld collapses to at most %.0f%% of "
          + "the reference and no other head raises it.", numbers, 100 * COLLAPSED_FRACTION);
      default -> r.verdict(Verdict.PARTLY, "%s: between a collapse (<= %.0f%% of the "
          + "reference, no other head) and a take-over (> %.0f%% with backup heads).", numbers,
          100 * COLLAPSED_FRACTION, 100 * SURVIVES_FRACTION);
    }
  }

  /**
   * The verdict from the ld left by the resample knockout ({@code primary}) and the mean
   * ablation ({@code secondary}) as shares of the reference, and whether any other head raises
   * the ld afterwards or moved towards IO (backups).
   */
  static Verdict decide(double primary, double secondary, boolean raisers, boolean backups) {
    if (primary > SURVIVES_FRACTION && backups) {
      return Verdict.REFUTED;
    }
    if (primary <= COLLAPSED_FRACTION && secondary <= COLLAPSED_FRACTION && !raisers
        && !backups) {
      return Verdict.SUPPORTED;
    }
    return Verdict.PARTLY;
  }

  /** The largest |value| of every map, rounded up to two significant digits. */
  private static double extent(SweepMatrix before, List<Outcome> outcomes) {
    double max = maxAbs(before);
    for (Outcome o : outcomes) {
      max = Math.max(max, Math.max(maxAbs(o.after()), maxAbs(o.change())));
    }
    return max > 0 ? new BigDecimal(max).round(new MathContext(2, RoundingMode.UP)).doubleValue()
        : 1;
  }

  private static double maxAbs(SweepMatrix m) {
    double max = 0;
    for (double[] row : m.values()) {
      for (double v : row) {
        max = Math.max(max, Math.abs(v));
      }
    }
    return max;
  }

  /** {@code m}'s layer-by-component heatmap on the colour scale [-extent, extent]. */
  private static Heatmap onScale(SweepMatrix m, String title, double extent) {
    Heatmap h = Heatmap.layerByComponent(Nd4j.createFromArray(m.values()), title,
        "Logit diff variation");
    return new Heatmap(h.title(), h.rowLabels(), h.columnLabels(), h.values(), h.xTitle(),
        h.yTitle(), h.colourLabel(), h.scale(), -extent, extent);
  }

  private static List<Head> without(List<Head> heads, List<Head> removed) {
    return heads.stream().filter(h -> !removed.contains(h)).toList();
  }

  private static List<List<String>> changeRows(SweepMatrix before, Outcome resample,
      Outcome mean) {
    List<List<String>> rows = new ArrayList<>();
    List<String> ranking = resample.change().ranking();
    for (String c : ranking.subList(0, Math.min(TABLE_ROWS, ranking.size()))) {
      rows.add(List.of(c, Part3Claim.fmt(before.value(c)), Part3Claim.fmt(resample.after()
          .value(c)), Part3Claim.fmt(resample.change().value(c)), Part3Claim.fmt(mean.after()
          .value(c)), Part3Claim.fmt(mean.change().value(c))));
    }
    return rows;
  }

  private static String pct(double fraction) {
    return String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
  }
}
