package dev.circuits.ioi.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.circuits.core.CircuitException;
import dev.circuits.core.eval.Evaluator;
import dev.circuits.core.match.IterativeMatcher;
import dev.circuits.core.match.Matcher;
import dev.circuits.gpt2.model.Head;
import dev.circuits.gpt2.model.Channel;
import dev.circuits.gpt2.model.DirectPaths;
import dev.circuits.gpt2.model.Gpt2BuildOptions;
import dev.circuits.gpt2.model.Gpt2Circuit;
import dev.circuits.gpt2.model.Gpt2Weights;
import dev.circuits.gpt2.model.NodeSpec;
import dev.circuits.gpt2.sweep.ForwardRun;
import dev.circuits.gpt2.sweep.HeadOverrides;
import dev.circuits.ioi.IoiDataset;
import dev.circuits.ioi.IoiException;
import dev.circuits.ioi.IoiTokenizers;
import dev.circuits.ioi.IoiVariants;
import dev.circuits.ioi.RemixDatasets;
import dev.circuits.ioi.planted.PlantedIoiModel;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Activation patching at per-prompt slot positions, checked against path patching and by hand. */
class RolePositionPatchTest {
  private static final Gpt2Weights W = PlantedIoiModel.load();
  private static final RemixDatasets DS = RemixDatasets.build(IoiTokenizers.gpt2(), 12);
  private static final IoiPatchSetup SETUP = IoiPatchSetup.of(W, DS.ioi());
  private static final List<Head> HEADS = List.of(new Head(2, 0), new Head(3, 1));
  private final Evaluator ev = Evaluator.builder().memoryBudgetBytes(1L << 28).build();

  @Test
  void onAlignedDataItEqualsPathPatchingEveryPathThroughTheHeads() {
    int end = SETUP.position("END");
    List<String> names = HEADS.stream()
        .map(h -> NodeSpec.head(h.layer(), h.head(), end).toName()).toList();
    IterativeMatcher throughHeads = DirectPaths.extendMatcher(names, true, false, Channel.ALL)
        .extend(IterativeMatcher.corrRootMatcher());
    double ref = SETUP.reference();
    for (IoiDataset patch : List.of(DS.flippedS(), DS.flippedIoS1Order(), DS.flippedIo())) {
      INDArray want = SETUP.perPrompt(throughHeads, patch, ev);
      INDArray got = ld(RolePositionPatch.run(SETUP, HEADS, patch, "END"));
      assertTrue(want.castTo(DataType.DOUBLE).equalsWithEps(got, 1e-4),
          patch + ": " + want + " vs " + got);
    }
    double flippedS = mean(RolePositionPatch.run(SETUP, HEADS, DS.flippedS(), "END"));
    assertTrue(flippedS < 0.5 * ref, "patching 2.0 from flipped S breaks the ld: " + flippedS);
    assertEquals(ref, mean(RolePositionPatch.run(SETUP, HEADS, DS.ioi(), "END")), 1e-4,
        "patching from the baseline itself changes nothing");
  }

  @Test
  void rowsComeFromEachPatchPromptsOwnPosition() {
    IoiDataset prefixed = IoiVariants.withRandomPrefixes(DS.ioi(), 1, 3, 7);
    int[] end = prefixed.wordIdx("END");
    INDArray rows = ForwardRun.of(SETUP.rowModel(), prefixed.modelTokens(),
        prefixed.maxLength() - 1, HeadOverrides.none()).headOutputRows(2, 0, end);
    assertEquals(List.of(12L, (long) W.config().nEmbd()), List.of(rows.shape()[0],
        rows.shape()[1]));
    int checked = 0;
    for (int p = 0; p < prefixed.size(); p++) {
      int[] toks = prefixed.tokens(p);
      if (toks.length == prefixed.maxLength() && checked > 0) {
        continue;
      }
      Gpt2Circuit alone = Gpt2Circuit.build(W, Gpt2BuildOptions.split(toks.length));
      INDArray ids = Nd4j.createFromArray(toks).castTo(DataType.LONG).reshape(1, toks.length);
      INDArray out = ev.evaluate(alone.withTokens(Matcher.named("a2.h0").getUnique(
          alone.logits()), ids));
      INDArray want = out.get(NDArrayIndex.point(0), NDArrayIndex.point(end[p]));
      INDArray got = rows.getRow(p);
      assertTrue(want.castTo(DataType.DOUBLE).equalsWithEps(got.castTo(DataType.DOUBLE), 1e-4),
          "prompt " + p + " at END " + end[p]);
      checked++;
    }
    assertTrue(checked >= 2, "checked prompts of different lengths: " + checked);
  }

  @Test
  void thePlantedSignalSurvivesRandomPrefixes() {
    double ref = SETUP.reference();
    IoiDataset prefixed = IoiVariants.withRandomPrefixes(DS.ioi(), 1, 4, 3);
    assertTrue(prefixed.maxLength() > DS.ioi().maxLength());
    double ld = mean(RolePositionPatch.run(SETUP, List.of(new Head(2, 0)), prefixed, "END"));
    assertEquals(ref, ld, 0.02 * ref, "the S-inhibition output does not depend on position");
    IoiDataset swapped = IoiVariants.withRandomPrefixes(SignalDatasets.swapNames(DS.ioi()), 1, 4,
        3);
    double inverted = mean(RolePositionPatch.run(SETUP, List.of(new Head(2, 0)), swapped,
        "END"));
    assertTrue(inverted < -0.8 * ref, "with S and IO swapped the name movers pick S: " + inverted);
  }

  private static INDArray ld(ForwardRun run) {
    return run.logitDiff(SETUP.labels(), SETUP.position("END")).castTo(DataType.DOUBLE);
  }

  private static double mean(ForwardRun run) {
    return ld(run).meanNumber().doubleValue();
  }

  @Test
  void badInputsAreRejectedByName() {
    IoiException size = assertThrows(IoiException.class, () -> RolePositionPatch.run(SETUP,
        HEADS, RemixDatasets.build(IoiTokenizers.gpt2(), 5).ioi(), "END"));
    assertTrue(size.getMessage().contains("N=5"), size.getMessage());
    IoiException role = assertThrows(IoiException.class, () -> RolePositionPatch.run(SETUP,
        HEADS, DS.flippedS(), "START"));
    assertTrue(role.getMessage().contains("START"), role.getMessage());
    CircuitException head = assertThrows(CircuitException.class, () -> RolePositionPatch.run(
        SETUP, List.of(new Head(7, 0)), DS.flippedS(), "END"));
    assertTrue(head.getMessage().contains("7.0"), head.getMessage());
    CircuitException none = assertThrows(CircuitException.class, () -> SETUP.pathPatched(
        IterativeMatcher.term(), DS.ioi()).node(Matcher.named("no-such-node"), ev));
    assertTrue(none.getMessage().contains("found 0"), none.getMessage());
  }
}
