package dev.circuits.ioi.claims;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs claims in order on one context. A claim that throws is reported as inconclusive with the
 * error (and logged with its stack trace) so that one failure does not discard a long run.
 */
public final class ClaimsRun {
  private static final Logger LOG = LoggerFactory.getLogger(ClaimsRun.class);

  private ClaimsRun() {}

  /** Runs {@code claims} on {@code context}; results in the same order. */
  public static List<ClaimResult> run(ClaimContext context, List<Claim> claims) {
    List<ClaimResult> out = new ArrayList<>();
    for (Claim claim : claims) {
      out.add(runOne(context, claim));
    }
    return out;
  }

  /** Runs one claim. */
  public static ClaimResult runOne(ClaimContext context, Claim claim) {
    long start = System.nanoTime();
    ClaimReport report = new ClaimReport(claim, context.progress());
    try {
      claim.run(context, report);
    } catch (RuntimeException e) {
      LOG.error("claim {} failed", claim.id(), e);
      report.fail(e);
    }
    ClaimResult r = report.result((System.nanoTime() - start) / 1e9);
    LOG.info("claim {}: {} ({} s): {}", r.id(), r.verdict().label(),
        String.format("%.1f", r.seconds()), r.reason());
    return r;
  }

  /** Whether any result records a failed experiment. */
  public static boolean anyFailed(List<ClaimResult> results) {
    return results.stream().anyMatch(ClaimResult::failed);
  }
}
