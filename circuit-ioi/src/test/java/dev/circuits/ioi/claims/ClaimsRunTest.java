package dev.circuits.ioi.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Running claims: one failing claim is reported and does not stop the others. */
class ClaimsRunTest {
  @Test
  void aThrowingClaimIsInconclusiveAndTheOthersStillRun() {
    List<String> progress = new ArrayList<>();
    ClaimContext ctx = ClaimFixtures.tinyContext((claim, step, done, total) ->
        progress.add(claim + ":" + step + ":" + done + "/" + total));
    List<String> ran = new ArrayList<>();
    List<Claim> claims = List.of(
        ClaimFixtures.claim("1", (c, r) -> {
          ran.add("1");
          r.verdict(Verdict.SUPPORTED, "fine");
        }),
        ClaimFixtures.claim("2", (c, r) -> {
          ran.add("2");
          r.steps(2);
          r.step("about to fail");
          r.text("partial finding");
          throw new IllegalStateException("boom in claim 2");
        }),
        ClaimFixtures.claim("3", (c, r) -> {
          ran.add("3");
          r.verdict(Verdict.REFUTED, "ld %.1f", 0.25);
        }));

    List<ClaimResult> results = ClaimsRun.run(ctx, claims);

    assertEquals(List.of("1", "2", "3"), ran);
    assertEquals(List.of("1", "2", "3"), results.stream().map(ClaimResult::id).toList());
    assertEquals(List.of(Verdict.SUPPORTED, Verdict.INCONCLUSIVE, Verdict.REFUTED),
        results.stream().map(ClaimResult::verdict).toList());
    ClaimResult failed = results.get(1);
    assertTrue(failed.failed());
    assertTrue(failed.reason().contains("boom in claim 2"), failed.reason());
    assertTrue(failed.reason().contains("IllegalStateException"), failed.reason());
    assertEquals(1, failed.blocks().size(), "blocks written before the failure are kept");
    assertFalse(results.get(0).failed());
    assertEquals("ld 0.3", results.get(2).reason());
    assertTrue(ClaimsRun.anyFailed(results));
    assertFalse(ClaimsRun.anyFailed(List.of(results.get(0), results.get(2))));
    assertTrue(progress.contains("2:about to fail:0/2"), progress.toString());
    assertTrue(progress.contains("2:done:2/2"), "a failed claim still finishes its bar: "
        + progress);
    assertTrue(results.stream().allMatch(r -> r.seconds() >= 0));
  }
}
