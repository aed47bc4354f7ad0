package dev.circuits.ioi.claims;

import dev.circuits.gpt2.model.Head;
import dev.circuits.gpt2.model.Channel;
import dev.circuits.ioi.experiments.DirectReceivers;
import dev.circuits.ioi.experiments.IoiPatchSetup;
import dev.circuits.ioi.experiments.PatchSweep;
import dev.circuits.ioi.experiments.SweepMatrix;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * REMIX Claim 2 (spec remix-ioi.md §7.3): path-patch everything under the name movers' keys from
 * flipped IO and measure their attention END->IO and the logit difference; then the extension:
 * which heads Q-compose with the name movers (senders at END into their queries, as a group and
 * per head, from ABC and flipped S), and where the name movers look once those heads are patched.
 */
final class Claim2NameMoverKeys implements Claim {
  /** Per-head query sweeps are run for at most this many (the strongest) name movers. */
  static final int PER_HEAD_SWEEPS = 3;
  /** The name movers "attend strongly to IO" when their mean attention END->IO is at least this. */
  static final double ATTENDS_STRONGLY = 0.3;
  /** The key patch "keeps" the attention when it drops by less than this fraction of itself. */
  static final double MAX_ATTENTION_DROP = 0.2;
  /** The key patch "barely moves" the ld when it changes by less than this share of the ld. */
  static final double MAX_LD_CHANGE = 0.1;
  /** The extension's patch datasets: ABC (the S-inhibition discovery), then flipped S. */
  private static final List<String> Q_PATCHES = List.of("abc", "flipped-s");

  @Override
  public String id() {
    return "2";
  }

  @Override
  public String title() {
    return "Name movers attend to IO without relying on its key";
  }

  @Override
  public String statement() {
    return "Name Movers attend strongly to IO but don't rely on the IO token's key values.";
  }

  @Override
  public void run(ClaimContext ctx, ClaimReport r) {
    r.steps(5);
    r.step("name movers");
    List<Head> movers = ctx.nameMovers();
    if (movers.isEmpty()) {
      r.verdict(Verdict.INCONCLUSIVE, "no name mover passed the direct-effect threshold (%.0f%% "
          + "of the reference ld), so there are no keys to patch.",
          100 * ClaimContext.MIN_OF_REFERENCE);
      return;
    }
    IoiPatchSetup setup = ctx.setup();
    double ref = setup.reference();
    r.text("Name movers (direct effect from flipped IO, as in claim 1): %s. Reference ld %.4f.",
        Heads.compare(movers, ctx.expected().heads(IoiRole.NAME_MOVER)), ref);

    r.step("path patching the name movers' keys from flipped IO");
    DirectReceivers.Result keys = DirectReceivers.channelFrom(setup, movers, Channel.K,
        ctx.patch("flipped-io"));
    List<NameAttention> before = NameAttention.read(setup.baseRun(), movers, setup);
    List<NameAttention> after = attention(keys, movers, setup);
    double ldKeys = keys.meanLogitDiff();
    Map<String, List<NameAttention>> attention = new LinkedHashMap<>();
    attention.put("clean", before);
    attention.put("keys from flipped IO", after);
    NameAttentionFigures.add(r, "nm-attention-key-patch", "Name mover attention from END",
        "Every input under the name movers' keys (matcher: name movers -> a.k -> tokens) "
            + "patched from flipped IO, so the IO position holds another name in the keys "
            + "only; queries and values stay clean.", attention);
    NameAttention meanBefore = NameAttention.mean(before);
    NameAttention meanAfter = NameAttention.mean(after);
    double drop = relativeDrop(meanBefore.io(), meanAfter.io());
    double ldChange = (ldKeys - ref) / Math.abs(ref);
    r.text("Mean name-mover attention END->IO: %.3f clean, %.3f with the keys from flipped IO "
        + "(relative drop %.1f%%); to S1 %.3f -> %.3f, to S2 %.3f -> %.3f. Logit difference "
        + "%.4f -> %.4f (%+.1f%% of the reference). REMIX expects the attention to stay high as "
        + "long as IO is still a name.", meanBefore.io(), meanAfter.io(), 100 * drop,
        meanBefore.s1(), meanAfter.s1(), meanBefore.s2(), meanAfter.s2(), ref, ldKeys,
        100 * ldChange);

    r.step("extension: senders at END into the name movers' queries");
    List<List<String>> found = new ArrayList<>();
    for (String patch : Q_PATCHES) {
      SweepMatrix group = ctx.sweep(patch, PatchSweep.Spec.into(movers, Channel.Q, "END"));
      r.sweep("q-into-nm-" + patch, group, "Senders at END -> name movers' queries -> logits ("
          + patch + ")", "Path patching from " + patch + " into the queries of "
          + Heads.labels(movers) + " at END; negative: the sender tells the name movers "
          + "something that favours IO.");
      found.add(foundRow("group " + Heads.labels(movers), patch, group, ctx));
    }
    r.step("extension: per name mover");
    // The strongest few only: each is a full sweep (~10 s on GPT-2 small), and REMIX's three
    // name movers are always among them.
    for (Head h : movers.subList(0, Math.min(PER_HEAD_SWEEPS, movers.size()))) {
      SweepMatrix one = ctx.sweep("abc", PatchSweep.Spec.into(List.of(h), Channel.Q, "END"));
      r.sweep("q-into-" + Heads.label(h) + "-abc", one, "Senders at END -> " + Heads.label(h)
          + " query -> logits (abc)", "The same sweep into " + Heads.label(h) + " alone.");
      found.add(foundRow(Heads.label(h), "abc", one, ctx));
    }
    List<Head> sin = ctx.sInhibition();
    r.table("Heads that Q-compose with the name movers (found with this context's thresholds)",
        List.of("receiver", "patch", "found", "strongest", "change"), found);
    r.text("Patch datasets: `abc` replaces S1 by a third name, so no name is repeated and the "
        + "whole S-inhibition signal (which name, where) disappears, like the paper's p_ABC; "
        + "`flipped-s` repeats a different name at the same positions, so only the identity of "
        + "the repeated name changes (a sender whose effect survives it carries the token). "
        + "S-inhibition heads (group, abc): %s.",
        Heads.compare(sin, ctx.expected().heads(IoiRole.S_INHIBITION)));

    r.step("name mover attention after patching the S-inhibition heads' queries");
    if (!sin.isEmpty()) {
      DirectReceivers.Result sinRun = DirectReceivers.sendersIntoQueries(setup, movers, sin,
          ctx.patch("abc"));
      Map<String, List<NameAttention>> q = new LinkedHashMap<>();
      q.put("clean", before);
      q.put("S-inhibition->q from abc", attention(sinRun, movers, setup));
      NameAttentionFigures.add(r, "nm-attention-sin-patch", "Name mover attention, "
          + "S-inhibition -> queries patched", "Paths from " + Heads.labels(sin) + " at END into "
          + "the name movers' queries patched from abc (paper Fig. 4c: attention moves from IO "
          + "to S).", q);
      r.text("Logit difference with those paths patched: %.4f (reference %.4f).",
          sinRun.meanLogitDiff(), ref);
    }

    verdict(r, meanBefore, meanAfter, drop, ldChange, ref, ldKeys, sin);
  }

  private static void verdict(ClaimReport r, NameAttention before, NameAttention after,
      double drop, double ldChange, double ref, double ldKeys, List<Head> sin) {
    boolean strong = before.io() >= ATTENDS_STRONGLY && before.io() > before.s1()
        && before.io() > before.s2();
    boolean keepsAttention = drop < MAX_ATTENTION_DROP;
    boolean keepsLd = Math.abs(ldChange) < MAX_LD_CHANGE;
    String numbers = String.format(java.util.Locale.ROOT, "mean name-mover attention END->IO "
        + "%.3f (S1 %.3f, S2 %.3f); with every key input from flipped IO %.3f (drop %.1f%%, "
        + "limit %.0f%%) and ld %.4f vs %.4f (%+.1f%%, limit +/-%.0f%%); heads Q-composing "
        + "with the name movers (abc): %s", before.io(), before.s1(), before.s2(), after.io(),
        100 * drop, 100 * MAX_ATTENTION_DROP, ldKeys, ref, 100 * ldChange, 100 * MAX_LD_CHANGE,
        Heads.labels(sin));
    if (strong && keepsAttention && keepsLd) {
      r.verdict(Verdict.SUPPORTED, "%s.", numbers);
    } else if (!strong || (!keepsAttention && !keepsLd)) {
      r.verdict(Verdict.REFUTED, "%s%s.", numbers, strong ? ""
          : "; the attention to IO is not strong (below " + ATTENDS_STRONGLY
              + " or not above S1/S2)");
    } else {
      r.verdict(Verdict.PARTLY, "%s: %s.", numbers, keepsAttention
          ? "the attention survives but the ld moves" : "the ld survives but the attention drops");
    }
  }

  private static List<String> foundRow(String receiver, String patch, SweepMatrix m,
      ClaimContext ctx) {
    List<Head> heads = ctx.strongest(m, Heads.Sign.NEGATIVE);
    String top = m.ranking().get(0);
    return List.of(receiver, patch, Heads.labels(heads), top, Part3Claim.fmt(m.value(top)));
  }

  /** Each receiver's attention from END in a direct-receiver patch. */
  static List<NameAttention> attention(DirectReceivers.Result run, List<Head> heads,
      IoiPatchSetup setup) {
    List<NameAttention> out = new ArrayList<>();
    for (int i = 0; i < heads.size(); i++) {
      out.add(NameAttention.of(Heads.label(heads.get(i)), run.attention().get(i), setup));
    }
    return out;
  }

  /** {@code (before - after) / before}, 0 when nothing was there to drop. */
  static double relativeDrop(double before, double after) {
    return before > 0 ? (before - after) / before : 0;
  }
}
