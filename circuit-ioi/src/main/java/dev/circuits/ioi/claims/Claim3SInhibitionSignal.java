package dev.circuits.ioi.claims;

import dev.circuits.gpt2.model.Head;
import dev.circuits.gpt2.model.Channel;
import dev.circuits.gpt2.sweep.ForwardRun;
import dev.circuits.ioi.IoiDataset;
import dev.circuits.ioi.IoiVariants;
import dev.circuits.ioi.experiments.DirectReceivers;
import dev.circuits.ioi.experiments.IoiPatchSetup;
import dev.circuits.ioi.experiments.RolePositionPatch;
import dev.circuits.ioi.experiments.SignalDatasets;
import dev.circuits.ioi.experiments.SignalDatasets.Position;
import dev.circuits.ioi.experiments.SignalDatasets.Token;
import dev.circuits.ioi.plot.Heatmap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * REMIX Claim 3 (spec remix-ioi.md §7.4): path-patch every input of the name movers' queries
 * from flipped IO; patch the S-inhibition heads' outputs at END from flipped IO and flipped S
 * (whose token do they carry?) and from the paper's token-by-position signal grid (App. A) with
 * the fit {@code ld ~ a S_pos + b S_tok}; then from random-length prefixes (unaligned, patched
 * at each prompt's END) to test that the signal ignores absolute position.
 */
final class Claim3SInhibitionSignal implements Claim {
  /** A change of the ld below this fraction of the reference counts as small. */
  static final double SMALL = 0.1;
  /** Random prefixes: 1 to 4 filler sentences per prompt, seeded. */
  static final int PREFIX_MIN_SENTENCES = 1;
  static final int PREFIX_MAX_SENTENCES = 4;
  static final long PREFIX_SEED = 1;

  @Override
  public String id() {
    return "3";
  }

  @Override
  public String title() {
    return "What the S-inhibition heads tell the name movers";
  }

  @Override
  public String statement() {
    return "S-Inhibition heads Q-compose with NMs by communicating the IO token's value.";
  }

  @Override
  public void run(ClaimContext ctx, ClaimReport r) {
    r.steps(4);
    r.step("name movers' queries from flipped IO");
    List<Head> movers = ctx.nameMovers();
    if (movers.isEmpty()) {
      r.verdict(Verdict.INCONCLUSIVE, "no name mover passed the direct-effect threshold, so "
          + "there are no queries to patch.");
      return;
    }
    IoiPatchSetup setup = ctx.setup();
    double ref = setup.reference();
    double ldQueries = DirectReceivers.channelFrom(setup, movers, Channel.Q,
        ctx.patch("flipped-io")).meanLogitDiff();
    double qShare = share(ldQueries, ref);
    r.text("Given claim 2, REMIX refutes this without an experiment: if the queries carried IO's "
        + "value, the keys' IO value would have to matter. Confirming experiment: every input "
        + "under the name movers' (%s) queries patched from flipped IO (matcher: name movers -> "
        + "a.q -> tokens) changes the ld from %.4f to %.4f (%+.1f%% of the reference).",
        Heads.labels(movers), ref, ldQueries, 100 * qShare);

    r.step("S-inhibition heads");
    List<Head> sin = ctx.sInhibition();
    r.text("S-inhibition heads (senders at END into the name movers' queries, from abc): %s.",
        Heads.compare(sin, ctx.expected().heads(IoiRole.S_INHIBITION)));
    if (sin.isEmpty()) {
      r.verdict(Verdict.INCONCLUSIVE, "no S-inhibition head passed the threshold; the queries "
          + "from flipped IO changed the ld by %+.1f%%.", 100 * qShare);
      return;
    }
    r.step("token and position signal grid");
    double[][] grid = grid(ctx, r, sin, ref);
    SignalFit fit = fit(r, grid);
    double ioShare = share(patchedLd(ctx, sin, ctx.patch("flipped-io")), ref);
    double sShare = share(grid[Token.RANDOM.ordinal()][Position.ORIGINAL.ordinal()], ref);
    r.text("Whose token: the S-inhibition heads' outputs at END (%s) patched from flipped IO "
        + "change the ld by %+.1f%%, from flipped S (the grid's random-token cell) by %+.1f%%: "
        + "the token they carry is %s.", Heads.labels(sin), 100 * ioShare, 100 * sShare,
        carriedToken(ioShare, sShare));

    r.step("random-length prefixes (unaligned)");
    double prefixShare = prefixes(ctx, r, sin, ref, grid);

    verdict(r, qShare, ioShare, sShare, fit, prefixShare);
  }

  private static void verdict(ClaimReport r, double qShare, double ioShare, double sShare,
      SignalFit fit, double prefixShare) {
    boolean positional = Math.abs(fit.position()) > Math.abs(fit.token());
    String whose = carriedToken(ioShare, sShare);
    String numbers = String.format(Locale.ROOT, "patching the name movers' queries from "
        + "flipped IO changes the ld by %+.1f%% and the S-inhibition outputs from flipped IO by "
        + "%+.1f%% (from flipped S: %+.1f%%; small: under %.0f%%); the signal grid fits ld ~ "
        + "%.2f S_pos + %.2f S_tok (token share %.0f%%, fit error %.0f%%), so the signal is "
        + "mostly %s, and the token it carries is %s; random prefixes change the ld by %+.1f%%",
        100 * qShare, 100 * ioShare, 100 * sShare, 100 * SMALL, fit.position(), fit.token(),
        100 * fit.tokenShare(), 100 * fit.meanRelativeError(),
        positional ? "positional" : "the token", whose, 100 * prefixShare);
    boolean qSmall = Math.abs(qShare) < SMALL;
    boolean ioSmall = Math.abs(ioShare) < SMALL;
    if (!qSmall && !ioSmall && !positional && whose.equals("IO's")) {
      r.verdict(Verdict.SUPPORTED, "%s.", numbers);
    } else if (qSmall && ioSmall) {
      r.verdict(Verdict.REFUTED, "%s: IO's value is not what the S-inhibition heads "
          + "communicate.", numbers);
    } else {
      r.verdict(Verdict.PARTLY, "%s: IO's value matters somewhat.", numbers);
    }
  }

  /** The 3 x 2 grid of patched ld [token][position], its table, heatmap and attention. */
  private static double[][] grid(ClaimContext ctx, ClaimReport r, List<Head> sin, double ref) {
    Token[] tokens = Token.values();
    Position[] positions = Position.values();
    double[][] ld = new double[tokens.length][positions.length];
    List<List<String>> rows = new ArrayList<>();
    Map<String, List<NameAttention>> attention = new LinkedHashMap<>();
    for (int t = 0; t < tokens.length; t++) {
      List<String> row = new ArrayList<>(List.of(tokens[t].label()));
      for (int p = 0; p < positions.length; p++) {
        Token token = tokens[t];
        Position position = positions[p];
        try (ForwardRun run = patchSin(ctx, sin, signalDataset(ctx, token, position))) {
          ld[t][p] = meanLogitDiff(ctx, run);
          attention.put("tok " + token.name().toLowerCase(Locale.ROOT) + ", pos "
              + position.name().toLowerCase(Locale.ROOT),
              List.of(NameAttention.mean(NameAttention.read(run, ctx.nameMovers(),
                  ctx.setup()))));
        }
        row.add(Part3Claim.fmt(ld[t][p]));
      }
      rows.add(row);
    }
    r.text("Signal-specific datasets (paper App. A), each aligned with the baseline: the token "
        + "signal is S's name (original; random = flipped S; inverted = S and IO names swapped, "
        + "so the old IO is repeated), the position signal is which name slot S1 fills "
        + "(original; inverted = REMIX's order flip, names kept, template mirrored). The "
        + "S-inhibition heads' outputs at END are patched from each (all downstream paths).");
    r.table("Mean ld with the S-inhibition heads' outputs patched (rows: token signal, columns: "
        + "position signal; GPT-2 small in the paper: 3.55 / -0.99; 2.45 / -1.96; 1.77 / -3.16)",
        List.of("token \\ position", positions[0].label(), positions[1].label()), rows);
    List<String> rowLabels = new ArrayList<>();
    for (Token t : tokens) {
      rowLabels.add(t.label());
    }
    r.heatmap("signal-grid", Heatmap.diverging("ld with S-inhibition outputs patched", rowLabels,
        List.of(positions[0].label(), positions[1].label()), ld, "Position signal",
        "Token signal", "Logit diff"),
        "Mean logit difference per signal combination (reference " + Part3Claim.fmt(ref) + ").");
    NameAttentionFigures.add(r, "signal-grid-attention", "Name mover attention per signal "
        + "combination", "Mean over the name movers " + Heads.labels(ctx.nameMovers())
        + " with the S-inhibition outputs patched from each grid dataset.", attention);
    return ld;
  }

  /** The fit ld ~ a S_pos + b S_tok over {@code grid} [token][position], reported. */
  private static SignalFit fit(ClaimReport r, double[][] grid) {
    SignalFit fit = SignalFit.ofGrid(grid);
    r.text("Least-squares fit ld ~ a S_pos + b S_tok (S_pos = +1/-1, S_tok = +1/0/-1): a = %.3f, "
        + "b = %.3f, mean relative error %.1f%%; the token signal's share |b|/(|a|+|b|) is "
        + "%.0f%% (paper on GPT-2 small: a = 2.31, b = 0.99, 30%%).", fit.position(), fit.token(),
        100 * fit.meanRelativeError(), 100 * fit.tokenShare());
    return fit;
  }

  /**
   * Patches from random-prefix versions of four grid datasets (compared with their aligned
   * {@code grid} values); returns the share of the one with both signals original.
   */
  private static double prefixes(ClaimContext ctx, ClaimReport r, List<Head> sin, double ref,
      double[][] grid) {
    List<List<String>> rows = new ArrayList<>();
    double plainShare = 0;
    int maxLen = 0;
    for (Position p : Position.values()) {
      for (Token t : List.of(Token.ORIGINAL, Token.INVERTED)) {
        IoiDataset prefixed = IoiVariants.withRandomPrefixes(signalDataset(ctx, t, p),
            PREFIX_MIN_SENTENCES,
            PREFIX_MAX_SENTENCES, PREFIX_SEED);
        maxLen = Math.max(maxLen, prefixed.maxLength());
        double alignedLd = grid[t.ordinal()][p.ordinal()];
        double prefixedLd = patchedLd(ctx, sin, prefixed);
        if (t == Token.ORIGINAL && p == Position.ORIGINAL) {
          plainShare = share(prefixedLd, ref);
        }
        rows.add(List.of(t.label(), p.label(), Part3Claim.fmt(alignedLd),
            Part3Claim.fmt(prefixedLd)));
      }
    }
    r.text("Moving pieces: the S-inhibition heads' outputs at END computed on the same prompts "
        + "with %d-%d random filler sentences in front (prompts up to %d tokens instead of %d, "
        + "so IO, S1, S2 and END all move) and substituted at the baseline's END, prompt by "
        + "prompt (sender row = the patch prompt's END, receiver row = the baseline's END).",
        PREFIX_MIN_SENTENCES, PREFIX_MAX_SENTENCES, maxLen, ctx.baseline().maxLength());
    r.table("Mean ld with the S-inhibition outputs patched, aligned vs with random prefixes "
        + "(reference " + Part3Claim.fmt(ref) + "; paper: 3.56 -> 3.57)", List.of("token signal",
        "position signal", "aligned", "random prefixes"), rows);
    return plainShare;
  }

  /** "S's" or "IO's": whose redraw moves the ld more when the SIN outputs are patched. */
  private static String carriedToken(double ioShare, double sShare) {
    return Math.abs(sShare) >= Math.abs(ioShare) ? "S's" : "IO's";
  }

  /** The baseline with the given signals (memoised for the run). */
  private static IoiDataset signalDataset(ClaimContext ctx, Token token, Position position) {
    return ctx.memo("signal dataset " + token + " " + position, () -> SignalDatasets.of(
        ctx.baseline(), ctx.patch("flipped-s"), token, position));
  }

  private static ForwardRun patchSin(ClaimContext ctx, List<Head> sin, IoiDataset patch) {
    return RolePositionPatch.run(ctx.setup(), sin, patch, "END");
  }

  /** The mean ld with the S-inhibition outputs at END patched from {@code patch}. */
  private static double patchedLd(ClaimContext ctx, List<Head> sin, IoiDataset patch) {
    try (ForwardRun run = patchSin(ctx, sin, patch)) {
      return meanLogitDiff(ctx, run);
    }
  }

  private static double meanLogitDiff(ClaimContext ctx, ForwardRun run) {
    return run.logitDiff(ctx.setup().labels(), ctx.setup().position("END")).meanNumber()
        .doubleValue();
  }

  /** {@code (ld - ref) / |ref|}. */
  private static double share(double ld, double ref) {
    return (ld - ref) / Math.abs(ref);
  }
}
