package dev.circuits.bench;

import dev.circuits.core.eval.Evaluator;
import dev.circuits.gpt2.model.Gpt2Config;
import dev.circuits.gpt2.model.Gpt2Weights;
import dev.circuits.ioi.claims.Claim;
import dev.circuits.ioi.claims.ClaimContext;
import dev.circuits.ioi.claims.ClaimResult;
import dev.circuits.ioi.claims.Claims;
import dev.circuits.ioi.claims.ClaimsRun;
import dev.circuits.ioi.claims.ExpectedHeads;
import java.io.PrintStream;
import java.util.List;

/**
 * Times the IOI claims runner on one model (every claim, N prompts, as {@code circuits ioi
 * claims} runs them but without writing a report): seconds per claim, the total, and the total in
 * forward passes of the same model and batch.
 */
public final class ClaimsBenchmark {
  private ClaimsBenchmark() {}

  /** Runs every claim on {@code weights} ({@code name} in the output); returns the report. */
  public static String run(PrintStream out, Gpt2Weights weights, String name,
      ExpectedHeads expected, int n) {
    Report report = new Report(out);
    Gpt2Config cfg = weights.config();
    report.line("claims on %s: %d layers x %d heads (d=%d), N=%d", name, cfg.nLayer(),
        cfg.nHead(), cfg.nEmbd(), n);
    double forward = ForwardBenchmark.medianForwardSeconds(weights, n, 16, 3);
    report.line("one forward pass of this model on %d prompts x 16 tokens: %.3f s", n, forward);
    long start = System.nanoTime();
    ClaimContext ctx = new ClaimContext(weights, name, expected, n,
        Evaluator.builder().memoryBudgetBytes(2L << 30).build(), (claim, step, done, total) -> { });
    List<Claim> claims = Claims.all();
    for (Claim c : claims) {
      ClaimResult r = ClaimsRun.runOne(ctx, c);
      report.line("claim %s: %.1f s (%s)", r.id(), r.seconds(), r.verdict().label());
    }
    double total = (System.nanoTime() - start) / 1e9;
    report.line("total: %.1f s = %.0f forward passes", total, total / forward);
    return report.text();
  }
}
