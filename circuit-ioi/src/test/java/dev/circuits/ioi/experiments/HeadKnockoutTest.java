package dev.circuits.ioi.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.circuits.core.eval.Evaluator;
import dev.circuits.gpt2.model.Head;
import dev.circuits.ioi.Flip;
import dev.circuits.ioi.IoiTokenizers;
import dev.circuits.ioi.RemixDatasets;
import dev.circuits.ioi.planted.PlantedIoiModel;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Knockouts on the planted model: its two name movers carry the whole logit difference. */
class HeadKnockoutTest {
  private static final RemixDatasets DS = RemixDatasets.build(IoiTokenizers.gpt2(), 20);
  private static final IoiPatchSetup SETUP = IoiPatchSetup.of(PlantedIoiModel.load(), DS.ioi());
  private static final List<Head> MOVERS = List.of(new Head(3, 0), new Head(3, 1));
  private static final Evaluator EV = Evaluator.create();

  @Test
  void resamplingTheNameMoversFromAbcRemovesTheLogitDifference() {
    double ref = SETUP.reference();
    IoiPatchSetup ko = HeadKnockout.resample(SETUP, MOVERS, HeadKnockout.allPositions(SETUP),
        DS.ioi().flip(Flip.S1));
    double ld = ko.reference();
    assertTrue(ref > 2, "reference " + ref);
    assertTrue(Math.abs(ld) < 0.05 * ref, "knocked-out ld " + ld + " of " + ref);
  }

  @Test
  void resamplingFromTheBaselineItselfChangesNothing() {
    double ref = SETUP.reference();
    double ld = HeadKnockout.resample(SETUP, MOVERS, HeadKnockout.allPositions(SETUP), DS.ioi())
        .reference();
    assertEquals(ref, ld, 1e-4);
  }

  @Test
  void meanAblationOverOtherNamesRemovesTheLogitDifferenceAtEnd() {
    double ref = SETUP.reference();
    double ld = HeadKnockout.mean(SETUP, MOVERS, List.of(SETUP.position("END")),
        DS.flippedIoS()).reference();
    assertTrue(Math.abs(ld) < 0.05 * ref, "mean-ablated ld " + ld + " of " + ref);
  }

  @Test
  void knockingOutADecoyKeepsTheLogitDifference() {
    double ref = SETUP.reference();
    double ld = HeadKnockout.resample(SETUP, List.of(new Head(3, 2)),
        HeadKnockout.allPositions(SETUP), DS.ioi().flip(Flip.S1)).reference();
    assertEquals(ref, ld, 0.01 * ref);
  }

  @Test
  void sweepsRunOnTheKnockedOutModel() {
    IoiPatchSetup ko = HeadKnockout.resample(SETUP, List.of(new Head(3, 0)),
        HeadKnockout.allPositions(SETUP), DS.ioi().flip(Flip.S1));
    SweepMatrix m = PatchSweep.run(ko, DS.flippedIo(), PatchSweep.Spec.logits(), EV);
    assertEquals(ko.reference(), m.reference(), 1e-6);
    assertEquals(0, m.value("3.0"), 1e-6, "a knocked-out head no longer reads the tokens");
    assertEquals("3.1", m.ranking().get(0));
    assertTrue(m.value("3.1") < -0.5 * m.reference(), "3.1 still moves the IO: " + m.value("3.1"));
  }

  @Test
  void rejectsHeadsOutsideTheModelAndEmptyKnockouts() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> HeadKnockout.resample(SETUP, List.of(new Head(4, 0)), List.of(0), DS.ioi()));
    assertTrue(e.getMessage().contains("4.0"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> HeadKnockout.resample(SETUP, MOVERS, List.of(99), DS.ioi()));
    assertThrows(IllegalArgumentException.class,
        () -> HeadKnockout.mean(SETUP, List.of(), List.of(0), DS.ioi()));
  }
}
