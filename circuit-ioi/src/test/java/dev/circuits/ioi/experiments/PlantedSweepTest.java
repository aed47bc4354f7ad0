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
}
