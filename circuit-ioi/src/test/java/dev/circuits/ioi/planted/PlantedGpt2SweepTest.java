package dev.circuits.ioi.planted;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.circuits.gpt2.model.Channel;
import dev.circuits.gpt2.model.Head;
import dev.circuits.ioi.IoiDataset;
import dev.circuits.ioi.experiments.PatchSweep;
import dev.circuits.ioi.experiments.SweepMatrix;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * REMIX's path-patching sweeps find planted-gpt2's circuit at the paper's places (N=8): the
 * (negative) name movers by direct effect, the S-inhibition heads through the name movers'
 * queries, the duplicate-token and induction heads through the S-inhibition heads' values; decoys
 * and MLPs stay near zero.
 */
class PlantedGpt2SweepTest {
  private static final Logger LOG = LoggerFactory.getLogger(PlantedGpt2SweepTest.class);
  private static final PlantedGpt2Fixture FX = PlantedGpt2Fixture.shared(8);

  @AfterAll
  static void tearDown() {
    FX.release();
  }

  private static SweepMatrix sweep(IoiDataset patch, PatchSweep.Spec spec, String what) {
    SweepMatrix m = PatchSweep.run(FX.setup, patch, spec, FX.evaluator);
    LOG.info("{}: reference {}, top {}", what, m.reference(), m.ranking().subList(0, 8).stream()
        .map(c -> c + " " + String.format(java.util.Locale.ROOT, "%.3f", m.value(c)))
        .toList());
    return m;
  }

  /** The largest |value| of a decoy head or an MLP other than MLP 0. */
  private static double maxDecoy(SweepMatrix m) {
    double max = 0;
    for (Head d : FX.roles.decoys()) {
      max = Math.max(max, Math.abs(m.value(d.toString())));
    }
    for (int l = 1; l < m.rows().size(); l++) {
      max = Math.max(max, Math.abs(m.value("m" + l)));
    }
    return max;
  }

  private static Set<String> labels(List<Head> heads) {
    return heads.stream().map(Head::toString).collect(Collectors.toSet());
  }

  @Test
  void directEffectFindsNameMoversAndNegativeNameMovers() {
    SweepMatrix m = sweep(FX.datasets.flippedIo(), PatchSweep.Spec.logits(), "direct, flipped IO");
    assertEquals(labels(FX.roles.nameMovers()), Set.copyOf(m.ranking().subList(0, 3)));
    assertEquals(labels(FX.roles.negativeNameMovers()), Set.copyOf(m.ranking().subList(3, 5)));
    for (Head h : FX.roles.nameMovers()) {
      assertTrue(m.value(h.toString()) < -0.2 * m.reference(), h + " " + m.value(h.toString()));
    }
    for (Head h : FX.roles.negativeNameMovers()) {
      assertTrue(m.value(h.toString()) > 0.05 * m.reference(), h + " " + m.value(h.toString()));
    }
    assertTrue(maxDecoy(m) < 0.005 * m.reference(), "decoys " + maxDecoy(m));
  }

  @Test
  void queriesOfTheNameMoversFindTheSInhibitionHeads() {
    SweepMatrix m = sweep(FX.abc(), PatchSweep.Spec.into(FX.roles.nameMovers(), Channel.Q, "END"),
        "q of name movers, ABC");
    assertEquals(labels(FX.roles.sInhibition()), Set.copyOf(m.ranking().subList(0, 4)));
    for (Head h : FX.roles.sInhibition()) {
      assertTrue(m.value(h.toString()) < -0.05 * m.reference(), h + " " + m.value(h.toString()));
    }
    assertTrue(maxDecoy(m) < 0.005 * m.reference(), "decoys " + maxDecoy(m));
  }

  @Test
  void valuesOfTheSInhibitionHeadsFindDuplicateTokenAndInductionHeads() {
    SweepMatrix m = sweep(FX.abc(), PatchSweep.Spec.into(FX.roles.sInhibition(), Channel.V, "S2"),
        "v of S-inhibition at S2, ABC");
    Set<String> h = labels(FX.roles.duplicateToken());
    h.addAll(labels(FX.roles.induction()));
    assertEquals(h, Set.copyOf(m.ranking().subList(0, 4)));
    for (String c : h) {
      assertTrue(m.value(c) < -0.05 * m.reference(), c + " " + m.value(c));
    }
    assertTrue(maxDecoy(m) < 0.005 * m.reference(), "decoys " + maxDecoy(m));
  }
}
