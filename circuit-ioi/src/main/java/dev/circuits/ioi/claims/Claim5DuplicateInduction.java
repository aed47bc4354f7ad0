package dev.circuits.ioi.claims;

import dev.circuits.gpt2.model.Head;
import dev.circuits.gpt2.model.Channel;
import dev.circuits.ioi.experiments.PatchSweep;
import dev.circuits.ioi.experiments.SweepMatrix;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * REMIX Part 4, Claim 5 (spec remix-ioi.md §7.6): duplicate-token heads Q-compose with later
 * induction heads. Path patching into the induction heads' queries at S2 (senders at S2,
 * patched from ABC), compared with patching the induction heads' outputs; the keys at S1+1 are
 * swept as a control (paper App. D: previous-token heads compose through the keys).
 */
final class Claim5DuplicateInduction implements Claim {
  /** Supported needs the top head sender to be a duplicate-token head with at least this share... */
  static final double MIN_SHARE_OF_INDUCTION = 0.10;
  /** ...and the induction heads' own effect must be at least this share of the reference ld. */
  static final double MIN_INDUCTION_EFFECT = 0.05;
  /** Fallback classes from the repeated-token scores need at least this score. */
  static final double MIN_SCORE = 0.3;
  private static final int FALLBACK_HEADS = 3;
  /** Changes of the ld below this are reported as none. */
  private static final double NEGLIGIBLE = 1e-4;

  @Override
  public String id() {
    return "5";
  }

  @Override
  public String title() {
    return "Part 4 Claim 5 (bonus): duplicate-token heads Q-compose with induction heads";
  }

  @Override
  public String statement() {
    return "Duplicate Token heads Q-compose with later Induction heads.";
  }

  @Override
  public void run(ClaimContext ctx, ClaimReport r) {
    r.steps(4);
    r.step("induction and duplicate-token heads");
    DuplicateHeads dh = DuplicateHeads.find(ctx, Claim4DuplicateDetection.CHANNEL);
    List<Head> induction = dh.induction();
    List<Head> duplicate = dh.duplicate();
    String source = "claim 4's H split by attention at S2";
    if (induction.isEmpty() || duplicate.isEmpty()) {
      RepeatScores scores = RandomTokenRuns.scores(ctx);
      source = "the highest scores on random tokens repeated twice (claim 4 found "
          + (induction.isEmpty() ? "no induction head" : "no duplicate-token head") + ")";
      induction = induction.isEmpty() ? byScore(scores, RepeatScores.Kind.INDUCTION) : induction;
      duplicate = duplicate.isEmpty() ? byScore(scores, RepeatScores.Kind.DUPLICATE) : duplicate;
    }
    r.text("Induction heads (receivers): %s. Duplicate-token heads: %s. Both from %s.",
        Heads.compare(induction, ctx.expected().heads(IoiRole.INDUCTION)),
        Heads.compare(duplicate, ctx.expected().heads(IoiRole.DUPLICATE_TOKEN)), source);
    if (induction.isEmpty()) {
      r.verdict(Verdict.INCONCLUSIVE, "no induction head was found (none in H attends S2->S1+1 "
          + "and no head scores >= %.1f on induction outside IOI)", MIN_SCORE);
      return;
    }

    r.step("patching the induction heads' outputs at S2");
    double reference = ctx.setup().reference();
    double inductionEffect = OutputPatch.change(ctx, induction, "S2", DuplicateHeads.PATCH);
    r.text("Patching the outputs of %s at S2 from ABC changes the ld by %.4f (%.0f%% of the "
        + "reference %.4f): the effect a Q-composition path would have to carry.",
        Heads.labels(induction), inductionEffect, 100 * Math.abs(inductionEffect / reference),
        reference);

    r.step("q-channel sweep into the induction heads at S2");
    SweepMatrix q = ctx.sweep(DuplicateHeads.PATCH,
        new PatchSweep.Spec(induction, Channel.Q, "S2", "S2"));
    r.sweep("q-into-induction", q, "S2 -> Induction Q path patching (ABC)", "Senders at S2, "
        + "into the queries of " + Heads.labels(induction) + " at S2, patched from ABC.");
    List<String> heads = q.ranking().stream().filter(c -> !c.startsWith("m")).toList();
    r.table("Strongest head senders into the induction heads' queries",
        List.of("sender", "ld change", "% of the induction heads' effect", "duplicate-token?"),
        top(q, heads, inductionEffect, duplicate));

    r.step("k-channel control at S1+1 (paper App. D)");
    SweepMatrix k = ctx.sweep(DuplicateHeads.PATCH,
        new PatchSweep.Spec(induction, Channel.K, "S2", "S1+1"));
    r.sweep("k-into-induction", k, "S1+1 -> Induction K path patching (ABC)", "Control: "
        + "senders at S1+1 into the keys of " + Heads.labels(induction) + " at S2 (the paper "
        + "finds the previous-token heads 4.11 and 2.2 here).");
    r.text("Through the keys at S1+1 the senders that lower the ld are %s (expected previous-"
        + "token heads: %s).", Heads.labels(ctx.strongest(k, Heads.Sign.NEGATIVE)),
        Heads.labels(ctx.expected().heads(IoiRole.PREVIOUS_TOKEN)));
    verdict(r, q, heads, duplicate, induction, inductionEffect, reference);
  }

  private static void verdict(ClaimReport r, SweepMatrix q, List<String> heads,
      List<Head> duplicate, List<Head> induction, double inductionEffect, double reference) {
    if (Math.abs(inductionEffect) < MIN_INDUCTION_EFFECT * Math.abs(reference)) {
      r.verdict(Verdict.INCONCLUSIVE, "patching the induction heads %s at S2 changes the ld by "
          + "only %.4f (< %.0f%% of the reference %.4f), so nothing can compose into them",
          Heads.labels(induction), inductionEffect, 100 * MIN_INDUCTION_EFFECT, reference);
      return;
    }
    String topHead = heads.get(0);
    double topShare = Math.abs(q.value(topHead) / inductionEffect);
    String bestDup = heads.stream().filter(c -> duplicate.contains(Heads.parse(c))).findFirst()
        .orElse(null);
    double dupShare = bestDup == null ? 0 : Math.abs(q.value(bestDup) / inductionEffect);
    boolean supported = bestDup != null && bestDup.equals(topHead)
        && dupShare >= MIN_SHARE_OF_INDUCTION;
    String senders = Math.abs(q.value(topHead)) < NEGLIGIBLE
        ? String.format(Locale.ROOT, "no head sender changes the ld (largest |change| %.1e)",
            Math.abs(q.value(topHead)))
        : String.format(Locale.ROOT, "the strongest head sender is %s (%+.4f, %.1f%% of the "
            + "induction heads' own effect %.4f)", topHead, q.value(topHead), 100 * topShare,
            inductionEffect);
    r.verdict(supported ? Verdict.SUPPORTED : Verdict.REFUTED, "into the queries of the "
        + "induction heads %s at S2 (ABC patch), %s; the strongest duplicate-token head %s gives "
        + "%.1f%% of the induction heads' effect %.4f (need the top rank and >= %.0f%%)",
        Heads.labels(induction), senders, bestDup == null ? "(none of "
            + Heads.labels(duplicate) + ")" : bestDup, 100 * dupShare, inductionEffect,
        100 * MIN_SHARE_OF_INDUCTION);
  }

  private static List<List<String>> top(SweepMatrix m, List<String> heads, double of,
      List<Head> duplicate) {
    List<List<String>> rows = new ArrayList<>();
    for (String c : heads.subList(0, Math.min(8, heads.size()))) {
      rows.add(List.of(c, Part3Claim.fmt(m.value(c)), String.format(Locale.ROOT, "%.1f%%",
          100 * Math.abs(m.value(c) / of)), duplicate.contains(Heads.parse(c)) ? "yes" : ""));
    }
    return rows;
  }

  /** Up to {@link #FALLBACK_HEADS} heads with the highest {@code kind} score above the minimum. */
  private static List<Head> byScore(RepeatScores s, RepeatScores.Kind kind) {
    return s.top(kind, FALLBACK_HEADS).stream().filter(h -> s.score(kind, h) >= MIN_SCORE)
        .toList();
  }
}
