package dev.circuits.ioi.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.circuits.core.eval.Evaluator;
import dev.circuits.gpt2.model.AttentionPatterns;
import dev.circuits.gpt2.model.Channel;
import dev.circuits.gpt2.model.Gpt2Weights;
import dev.circuits.ioi.Flip;
import dev.circuits.ioi.IoiDataset;
import dev.circuits.ioi.RemixDatasets;
import dev.circuits.ioi.planted.HeadRef;
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
 * the name movers' queries, the duplicate-token / induction heads through the S-inhibition head.
 */
class PlantedSweepTest {
  private static final Logger LOG = LoggerFactory.getLogger(PlantedSweepTest.class);
  private static final Gpt2Weights W = PlantedIoiModel.load();
  private static final PlantedRoles ROLES = PlantedIoiModel.roles();
  private static final RemixDatasets DS = RemixDatasets.build();

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

  private static String label(HeadRef h) {
    return h.layer() + "." + h.head();
  }

  private static List<AttentionPatterns.Head> heads(List<HeadRef> refs) {
    return refs.stream().map(h -> new AttentionPatterns.Head(h.layer(), h.head())).toList();
  }

  /** |value| of every decoy head (and every MLP: the planted model has no MLP contribution). */
  private static double maxDecoy(SweepMatrix m) {
    double max = 0;
    for (HeadRef d : ROLES.decoys()) {
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
    SweepMatrix m = sweep(DS.flippedS(), PatchSweep.Spec.into(heads(ROLES.nameMovers()),
        Channel.Q, "END"), "q of name movers, flipped S");
    assertEquals(label(ROLES.sInhibition().get(0)), m.ranking().get(0));
    assertTrue(maxDecoy(m) < 0.05 * Math.abs(m.value("2.0")), "decoys " + maxDecoy(m));
  }

  /**
   * Patch data: S1 replaced by a new name (ABC), so S2 is no longer a repeated name and neither
   * duplicate-detecting head marks it. The planted S-inhibition head finds S2 through its key
   * (score = 8 DUPLICATE_k + ...) and its OV copies only the name identity, so the effect enters
   * through k; through v it is LayerNorm leakage only (REMIX's GPT-2 sweep uses v; see PLANTED.md).
   */
  @Test
  void keysOfTheSInhibitionHeadAtS2RankTheDuplicateDetectorsFirst() {
    IoiDataset abc = DS.ioi().flip(Flip.S1);
    List<AttentionPatterns.Head> sInh = heads(ROLES.sInhibition());
    SweepMatrix k = sweep(abc, PatchSweep.Spec.into(sInh, Channel.K, "S2"), "k of 2.0 from S2, ABC");
    Set<String> detectors = Set.of(label(ROLES.duplicateToken().get(0)),
        label(ROLES.induction().get(0)));
    assertEquals(Set.of("0.0", "1.0"), detectors);
    assertTrue(detectors.contains(k.ranking().get(0)), "first: " + k.ranking().get(0));
    double weaker = Math.min(Math.abs(k.value("0.0")), Math.abs(k.value("1.0")));
    assertTrue(weaker > 0.2 * k.reference(), "each detector matters: " + weaker);
    assertTrue(maxDecoy(k) < 0.01 * weaker, "decoys " + maxDecoy(k));
    for (HeadRef d : ROLES.decoys()) {
      assertTrue(Math.abs(k.value(label(d))) < weaker, "decoy " + d);
    }

    SweepMatrix v = sweep(abc, PatchSweep.Spec.into(sInh, Channel.V, "S2"), "v of 2.0 from S2, ABC");
    assertTrue(detectors.contains(v.ranking().get(0)) && detectors.contains(v.ranking().get(1)),
        "v ranking " + v.ranking());
    assertTrue(Math.abs(v.value(v.ranking().get(0))) < 0.001 * weaker,
        "the planted OV ignores the mark: " + v.value(v.ranking().get(0)));
  }
}
