package dev.circuits.ioi.claims;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.circuits.gpt2.model.Head;
import dev.circuits.gpt2.model.Channel;
import dev.circuits.ioi.experiments.PatchSweep;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Claims 4 and 5 on the planted model (one shared context, as in a real run): H through 2.0's
 * values is 0.0 then 1.0, split into duplicate-token 0.0 and induction 1.0; 1.0's query reads
 * only its own token, so nothing Q-composes into it and claim 5 is refuted.
 */
class Claims45Test {
  private static final Head DUP = new Head(0, 0);
  private static final Head PREV = new Head(0, 1);
  private static final Head IND = new Head(1, 0);
  private static ClaimContext ctx;
  private static ClaimResult four;
  private static ClaimResult five;

  @BeforeAll
  static void run() {
    ctx = PlantedClaims.context(10);
    four = ClaimsRun.runOne(ctx, new Claim4DuplicateDetection());
    five = ClaimsRun.runOne(ctx, new Claim5DuplicateInduction());
  }

  @Test
  void claim4FindsTheDuplicateAndInductionHeadsThroughTheValues() {
    assertFalse(four.failed(), four.reason());
    assertEquals(Verdict.SUPPORTED, four.verdict(), four.reason());
    DuplicateHeads dh = DuplicateHeads.find(ctx, Channel.V);
    assertEquals(List.of(new Head(2, 0)), dh.sInhibition());
    assertEquals(List.of(DUP, IND), dh.found(), "0.0 (gain 0.6) before 1.0 (gain 0.4)");
    assertEquals(List.of(DUP), dh.duplicate());
    assertEquals(List.of(IND), dh.induction());
    assertTrue(dh.attention().get(DUP).toS1() > 0.9 && dh.attention().get(IND).toS1Plus1() > 0.9);
    assertEquals(1.0, dh.classifiedShare(), 1e-9);
    assertTrue(four.reason().contains("accuracy 1.00"), four.reason());
    long figures = four.blocks().stream().filter(b -> b instanceof ReportBlock.Figure).count();
    assertTrue(figures >= 7, "attention, 2 sweeps, 3 score maps, PCA: " + figures);
  }

  @Test
  void repeatedTokenScoresPickThePlantedHeads() {
    RepeatScores s = RandomTokenRuns.scores(ctx);
    assertEquals(DUP, s.top(RepeatScores.Kind.DUPLICATE, 1).get(0));
    assertEquals(IND, s.top(RepeatScores.Kind.INDUCTION, 1).get(0));
    // the decoy 1.3 attends the previous token too; 0.1 must be among the top two
    assertTrue(s.top(RepeatScores.Kind.PREVIOUS, 2).contains(PREV));
    assertTrue(s.score(RepeatScores.Kind.DUPLICATE, DUP) > 0.9);
    assertTrue(s.score(RepeatScores.Kind.INDUCTION, DUP) < 0.1);
  }

  @Test
  void outputPatchesSeparateRepeatFromName() {
    double abc = OutputPatch.change(ctx, List.of(DUP, IND), "S2", "abc");
    double sin = OutputPatch.change(ctx, List.of(new Head(2, 0)), "END", "abc");
    assertTrue(abc / sin > 0.9, abc + " vs " + sin);
    assertEquals(0, OutputPatch.change(ctx, List.of(new Head(0, 2)), "S2", "abc"), 0.05,
        "a decoy's output at S2 does not matter");
  }

  @Test
  void claim5IsRefutedButTheKeysCarryThePreviousTokenHead() {
    assertFalse(five.failed(), five.reason());
    assertEquals(Verdict.REFUTED, five.verdict(), five.reason());
    assertTrue(five.reason().contains("no head sender changes the ld"), five.reason());
    var k = ctx.sweep("abc", new PatchSweep.Spec(List.of(IND), Channel.K, "S2", "S1+1"));
    assertEquals(List.of(PREV), ctx.strongest(k, Heads.Sign.NEGATIVE));
  }
}
