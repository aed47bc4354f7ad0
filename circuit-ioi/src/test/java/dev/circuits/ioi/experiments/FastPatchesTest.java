package dev.circuits.ioi.experiments;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.circuits.core.eval.Evaluator;
import dev.circuits.core.match.IterativeMatcher;
import dev.circuits.core.match.Matcher;
import dev.circuits.gpt2.model.Head;
import dev.circuits.gpt2.model.Channel;
import dev.circuits.gpt2.model.DirectPaths;
import dev.circuits.gpt2.model.NodeSpec;
import dev.circuits.ioi.Flip;
import dev.circuits.ioi.IoiDataset;
import dev.circuits.ioi.IoiTokenizers;
import dev.circuits.ioi.RemixDatasets;
import dev.circuits.ioi.planted.PlantedIoiModel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The fast engine's single patches the claims use (direct receivers with a channel from another
 * run or from senders, moving pieces, activation patching) against the generic engine's path
 * patching of the same matchers on the planted model.
 */
class FastPatchesTest {
  private static final RemixDatasets DS = RemixDatasets.build(IoiTokenizers.gpt2(), 8);
  private static final IoiPatchSetup SETUP = IoiPatchSetup.of(PlantedIoiModel.load(), DS.ioi());
  private static final IoiDataset ABC = DS.ioi().flip(Flip.S1);
  private static final List<Head> MOVERS = List.of(new Head(3, 0), new Head(3, 1));
  private static final int END = SETUP.position("END");
  private final Evaluator ev = Evaluator.create();

  private static IterativeMatcher directPaths(List<Head> heads) {
    List<String> names = heads.stream()
        .map(h -> NodeSpec.head(h.layer(), h.head(), END).toName()).toList();
    return DirectPaths.extendMatcher(names, true, true, Channel.ALL)
        .extend(IterativeMatcher.corrRootMatcher());
  }

  private static void assertClose(INDArray want, INDArray got, String what) {
    double diff = want.castTo(DataType.DOUBLE).sub(got.castTo(DataType.DOUBLE)).amaxNumber()
        .doubleValue();
    assertTrue(diff < 1e-4, what + ": max difference " + diff);
  }

  private void assertAttention(PatchedRun generic, DirectReceivers.Result fast, String what) {
    for (int i = 0; i < MOVERS.size(); i++) {
      INDArray probs = generic.node(directPaths(List.of(MOVERS.get(i))).chain(
          IterativeMatcher.restrict(Matcher.named("a.attn_probs"), true, null, 4, null)), ev);
      assertClose(probs.get(NDArrayIndex.all(), NDArrayIndex.point(END), NDArrayIndex.all()),
          fast.attention().get(i), what + " attention of " + MOVERS.get(i));
    }
  }

  @Test
  void aChannelFromAnotherRunMatchesPatchingEveryInputUnderIt() {
    for (Channel c : Channel.values()) {
      PatchedRun generic = SETUP.pathPatched(directPaths(MOVERS).chain(DirectPaths.channel(c)),
          DS.flippedIo());
      DirectReceivers.Result fast = DirectReceivers.channelFrom(SETUP, MOVERS, c,
          DS.flippedIo());
      assertClose(generic.logitDiff(ev), fast.logitDiff(), "ld, channel " + c);
      assertAttention(generic, fast, "channel " + c);
    }
  }

  @Test
  void sendersIntoTheQueriesMatchTheirDirectPaths() {
    List<Head> senders = List.of(new Head(2, 0), new Head(1, 1), new Head(3, 2));
    List<IterativeMatcher> paths = new ArrayList<>();
    for (Head s : senders) {
      paths.add(DirectPaths.extenderFactory(NodeSpec.head(s.layer(), s.head(), END), Channel.Q)
          .extend(directPaths(MOVERS)));
    }
    PatchedRun generic = SETUP.pathPatched(IterativeMatcher.any(paths), ABC);
    DirectReceivers.Result fast = DirectReceivers.sendersIntoQueries(SETUP, MOVERS, senders,
        ABC);
    assertClose(generic.logitDiff(ev), fast.logitDiff(), "ld");
    assertAttention(generic, fast, "senders into q");
    assertTrue(Math.abs(fast.meanLogitDiff() - SETUP.reference()) > 1,
        "2.0 into the name movers' queries matters: " + fast.meanLogitDiff());
  }

  @Test
  void movingPiecesMatchRestrictedAndUnrestrictedPathPatching() {
    List<Head> group = List.of(new Head(3, 0), new Head(2, 0));
    List<String> names = group.stream()
        .map(h -> NodeSpec.head(h.layer(), h.head(), END).toName()).toList();
    List<NodeSpec> sites = group.stream()
        .map(h -> NodeSpec.head(h.layer(), h.head(), END)).toList();
    for (boolean restrict : new boolean[] {true, false}) {
      INDArray want = SETUP.perPrompt(DirectPaths.extendMatcher(names, true, restrict,
          Channel.ALL).extend(IterativeMatcher.corrRootMatcher()), DS.flippedIoS(), ev);
      INDArray got = restrict ? SETUP.directPatched(sites, DS.flippedIoS())
          : SETUP.activationPatched(sites, DS.flippedIoS()).logitDiff(SETUP.labels(), END);
      assertClose(want, got, "restrict=" + restrict);
    }
  }
}
