package dev.circuits.ioi.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.circuits.core.eval.Evaluator;
import dev.circuits.gpt2.model.Head;
import dev.circuits.gpt2.model.Channel;
import dev.circuits.ioi.Flip;
import dev.circuits.ioi.IoiDataset;
import dev.circuits.ioi.IoiTokenizers;
import dev.circuits.ioi.RemixDatasets;
import dev.circuits.ioi.experiments.PatchSweep.Engine;
import dev.circuits.ioi.planted.PlantedIoiModel;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The claims' sweeps on the planted model give the same matrices with the fast engine and the
 * generic one, on the intact and on a knocked-out model.
 */
class PatchSweepEnginesTest {
  private static final RemixDatasets DS = RemixDatasets.build(IoiTokenizers.gpt2(), 8);
  private static final IoiPatchSetup SETUP = IoiPatchSetup.of(PlantedIoiModel.load(), DS.ioi());
  private static final IoiDataset ABC = DS.ioi().flip(Flip.S1);
  private static final List<Head> MOVERS = List.of(new Head(3, 0), new Head(3, 1));
  private static final double TOL = 1e-4;

  private static void assertSameMatrix(IoiPatchSetup setup, IoiDataset patch,
      PatchSweep.Spec spec) {
    Evaluator ev = Evaluator.create();
    SweepMatrix fast = PatchSweep.run(setup, patch, spec, ev, Engine.FAST);
    SweepMatrix generic = PatchSweep.run(setup, patch, spec, ev, Engine.GENERIC);
    assertEquals(generic.reference(), fast.reference(), TOL, spec + ": reference");
    for (int l = 0; l < fast.values().length; l++) {
      for (int c = 0; c < fast.values()[l].length; c++) {
        assertEquals(generic.values()[l][c], fast.values()[l][c], TOL,
            spec + ": layer " + l + " column " + c);
      }
    }
  }

  @Test
  void everyClaimSweepKindAgrees() {
    assertSameMatrix(SETUP, DS.flippedIo(), PatchSweep.Spec.logits());
    assertSameMatrix(SETUP, ABC, PatchSweep.Spec.into(MOVERS, Channel.Q, "END"));
    assertSameMatrix(SETUP, DS.flippedIo(), new PatchSweep.Spec(MOVERS, Channel.K, "END", "IO"));
    assertSameMatrix(SETUP, ABC, PatchSweep.Spec.into(List.of(new Head(2, 0)), Channel.V, "S2"));
    assertSameMatrix(SETUP, ABC, new PatchSweep.Spec(List.of(new Head(1, 0)), Channel.Q, "S2",
        "S2"));
    assertSameMatrix(SETUP, ABC, new PatchSweep.Spec(List.of(new Head(1, 0), new Head(2, 0)),
        Channel.ALL, "S2", "S1+1"));
  }

  @Test
  void knockedOutModelsAgree() {
    IoiPatchSetup resampled = HeadKnockout.resample(SETUP, List.of(new Head(3, 0)),
        HeadKnockout.allPositions(SETUP), ABC);
    assertSameMatrix(resampled, DS.flippedIo(), PatchSweep.Spec.logits());
    IoiPatchSetup mean = HeadKnockout.mean(SETUP, List.of(new Head(2, 0)),
        List.of(SETUP.position("END")), DS.flippedIoS());
    assertSameMatrix(mean, ABC, PatchSweep.Spec.into(MOVERS, Channel.Q, "END"));
  }

  @Test
  void theFastSweepFindsThePlantedNameMovers() {
    SweepMatrix m = PatchSweep.run(SETUP, DS.flippedIo(), PatchSweep.Spec.logits(),
        Evaluator.create());
    assertEquals(List.of("3.0", "3.1"), m.ranking().subList(0, 2));
    assertTrue(m.value("3.0") < -0.3 * m.reference(), "3.0: " + m.value("3.0"));
  }

  @Test
  void receiversOutsideTheModelAreRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PatchSweep.run(SETUP, ABC, PatchSweep.Spec.into(List.of(new Head(9, 9)), Channel.Q,
            "END"), Evaluator.create()));
    assertTrue(e.getMessage().contains("9.9") && e.getMessage().contains("4 layers"),
        e.getMessage());
  }
}
