package dev.circuits.examples;

import dev.circuits.core.eval.Evaluator;
import dev.circuits.ioi.claims.ClaimContext;
import dev.circuits.ioi.claims.ClaimProgress;
import dev.circuits.ioi.claims.ClaimResult;
import dev.circuits.ioi.claims.Claims;
import dev.circuits.ioi.claims.ClaimsRun;
import dev.circuits.ioi.claims.ExpectedHeads;
import dev.circuits.ioi.planted.PlantedIoiModel;
import java.util.Locale;

/**
 * README "IOI claims": run one (or several) of REMIX day 5's claims on the planted IOI model and
 * print each verdict with the numbers behind it. Arguments: {@code [CLAIM [N]]}, CLAIM as
 * {@code circuits ioi claims --claim} takes it ({@code 1}..{@code 6}, {@code 2,3}, {@code all};
 * default 1), N prompts (default 20). The planted model's expected verdicts are in the README.
 */
public final class IoiClaim {
  private IoiClaim() {}

  /** Runs the example. */
  public static void main(String[] args) {
    String claims = args.length > 0 ? args[0] : "1";
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    ClaimContext ctx = new ClaimContext(PlantedIoiModel.load(), PlantedIoiModel.NAME,
        ExpectedHeads.planted(PlantedIoiModel.roles()), n, Evaluator.create(), ClaimProgress.NONE);
    for (ClaimResult r : ClaimsRun.run(ctx, Claims.select(claims))) {
      System.out.printf(Locale.ROOT, "claim %s: %s%n  %s%n  verdict: %s (%.1f s)%n  %s%n", r.id(),
          r.title(), r.statement(), r.verdict(), r.seconds(), r.reason());
    }
  }
}
