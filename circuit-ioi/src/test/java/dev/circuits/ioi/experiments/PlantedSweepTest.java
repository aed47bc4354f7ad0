package dev.circuits.ioi.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.circuits.core.eval.Evaluator;
import dev.circuits.gpt2.model.Channel;
import dev.circuits.gpt2.model.Gpt2Weights;
import dev.circuits.gpt2.model.Head;
import dev.circuits.ioi.Flip;
import dev.circuits.ioi.IoiDataset;
import dev.circuits.ioi.RemixDatasets;
import dev.circuits.ioi.planted.PlantedIoiModel;
import dev.circuits.ioi.planted.PlantedRoles;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * REMIX's path-patching sweeps on the planted model (REMIX's BABA dataset, N=50, one template,
 * aligned positions) find its circuit: name movers by direct effect, the S-inhibition head through
 * the name movers' queries, the duplicate-token / induction heads through the S-inhibition head's
 * keys and values.
 */
class PlantedSweepTest {
  private static final Logger LOG = LoggerFactory.getLogger(PlantedSweepTest.class);
  private static final Gpt2Weights W = PlantedIoiModel.load();
  private static final PlantedRoles ROLES = PlantedIoiModel.roles();
  private static final RemixDatasets DS = RemixDatasets.build();
  private static final List<Head> S_INHIBITION = ROLES.sInhibition();
  private static final String DUPLICATE_TOKEN = label(ROLES.duplicateToken().get(0));
  private static final String INDUCTION = label(ROLES.induction().get(0));

  private static SweepMatrix sweep(IoiDataset patch, PatchSweep.Spec spec, String what) {
    SweepMatrix m = PatchSweep.run(W, DS.ioi(), patch, spec,
        Evaluator.builder().memoryBudgetBytes(0).build());
    LOG.info("{}: reference {}, ranking {} ({} s)", what, m.reference(),
        m.ranking().subList(0, 6), m.seconds());
    for (String c : m.ranking().subList(0, 6)) {
      LOG.info("  {} = {}", c, m.value(c));
    }
    return m;
  }

  private static String label(Head h) {
    return h.layer() + "." + h.head();
  }

  /** |value| of every decoy head (and every MLP: the planted model has no MLP contribution). */
  private static double maxDecoy(SweepMatrix m) {
    double max = 0;
    for (Head d : ROLES.decoys()) {
      max = Math.max(max, Math.abs(m.value(label(d))));
    }
    for (int l = 0; l < m.rows().size(); l++) {
      max = Math.max(max, Math.abs(m.value("m" + l)));
    }
    return max;
  }

  @Test
  void directEffectRanksTheNameMoversFirst() {
    SweepMatrix m = sweep(DS.flippedIo(), PatchSweep.Spec.logits(), "direct effect, flipped IO");
    assertEquals(4, m.rows().size());
    assertEquals(List.of("h0", "h1", "h2", "h3", "mlp"), m.cols());
    assertTrue(m.reference() > 2, "reference logit diff " + m.reference());
    Set<String> movers = Set.of("3.0", "3.1");
    assertEquals(movers, Set.copyOf(m.ranking().subList(0, 2)));
    assertTrue(m.value("3.0") < 0 && m.value("3.1") < 0, "patching a name mover lowers the ld");
    double moversSum = m.value("3.0") + m.value("3.1");
    assertTrue(moversSum < -0.8 * m.reference(), "name movers carry the ld: " + moversSum);
    assertTrue(maxDecoy(m) < 0.05 * Math.abs(m.value("3.1")), "decoys " + maxDecoy(m));
  }

  @Test
  void queriesOfTheNameMoversRankTheSInhibitionHeadFirst() {
    SweepMatrix m = sweep(DS.flippedS(), PatchSweep.Spec.into(ROLES.nameMovers(),
        Channel.Q, "END"), "q of name movers, flipped S");
    assertEquals(label(ROLES.sInhibition().get(0)), m.ranking().get(0));
    assertTrue(maxDecoy(m) < 0.05 * Math.abs(m.value("2.0")), "decoys " + maxDecoy(m));
  }

  /**
   * Patch data: S1 replaced by a new name (ABC), so S2 is no longer a repeated name and neither
   * duplicate-detecting head marks it. The planted S-inhibition head finds S2 through its key
   * (score = 8 DUPLICATE_k + ...), to which both detectors add 1, so each matters through k.
   */
  @Test
  void keysOfTheSInhibitionHeadAtS2RankTheDuplicateDetectorsFirst() {
    SweepMatrix k = sweep(DS.ioi().flip(Flip.S1), PatchSweep.Spec.into(S_INHIBITION, Channel.K,
        "S2"), "k of 2.0 from S2, ABC");
    assertEquals(Set.of(DUPLICATE_TOKEN, INDUCTION), Set.copyOf(k.ranking().subList(0, 2)));
    double weaker = Math.min(Math.abs(k.value(DUPLICATE_TOKEN)), Math.abs(k.value(INDUCTION)));
    assertTrue(weaker > 0.2 * k.reference(), "each detector matters: " + weaker);
    assertTrue(maxDecoy(k) < 0.01 * weaker, "decoys " + maxDecoy(k));
  }

  /**
   * REMIX's claim: the S-inhibition head reads S2 through its values, which the duplicate-token
   * head (gain 0.6 into DUP_NAME) and the induction head (0.4) fill with S's identity. Patching
   * either from ABC data (no earlier S: nothing copied) or flipped-S data (the other name S'
   * copied) weakens the inhibition of S; the duplicate-token head's larger share ranks first.
   */
  @Test
  void valuesOfTheSInhibitionHeadAtS2RankDuplicateTokenThenInduction() {
    for (IoiDataset patch : List.of(DS.ioi().flip(Flip.S1), DS.flippedS())) {
      SweepMatrix v = sweep(patch, PatchSweep.Spec.into(S_INHIBITION, Channel.V, "S2"),
          "v of 2.0 from S2, " + (patch == DS.flippedS() ? "flipped S" : "ABC"));
      assertEquals(List.of(DUPLICATE_TOKEN, INDUCTION), v.ranking().subList(0, 2));
      assertTrue(v.value(DUPLICATE_TOKEN) < v.value(INDUCTION) && v.value(INDUCTION) < 0,
          "both lower the ld, the duplicate-token head more: " + v.value(DUPLICATE_TOKEN) + ", "
              + v.value(INDUCTION));
      assertTrue(-v.value(INDUCTION) > 0.05 * v.reference(), "induction " + v.value(INDUCTION));
      assertTrue(maxDecoy(v) < 0.001 * -v.value(INDUCTION), "decoys " + maxDecoy(v));
    }
  }
}
