package dev.circuits.ioi.planted;

import dev.circuits.core.eval.Evaluator;
import dev.circuits.core.match.IterativeMatcher;
import dev.circuits.gpt2.model.Head;
import dev.circuits.gpt2.model.AttentionPatterns;
import dev.circuits.gpt2.model.Channel;
import dev.circuits.gpt2.model.DirectPaths;
import dev.circuits.gpt2.model.Gpt2BuildOptions;
import dev.circuits.gpt2.model.Gpt2Circuit;
import dev.circuits.gpt2.model.Gpt2Weights;
import dev.circuits.gpt2.model.NodeSpec;
import dev.circuits.ioi.Flip;
import dev.circuits.ioi.IoiDataset;
import dev.circuits.ioi.IoiTokenizers;
import dev.circuits.ioi.RemixDatasets;
import dev.circuits.ioi.experiments.HeadKnockout;
import dev.circuits.ioi.experiments.IoiPatchSetup;
import dev.circuits.ioi.experiments.RolePositionPatch;
import dev.circuits.ioi.experiments.SignalDatasets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * planted-gpt2 on REMIX's datasets (BABA, one template, seed 42) with N prompts, for its tests:
 * one shared evaluator, the patch setup, and the experiments the tests and the measurement table
 * read (direct effects, knockouts of the name movers, the signal grid, attention patterns).
 */
final class PlantedGpt2Fixture {
  private static final Map<Integer, PlantedGpt2Fixture> SHARED = new HashMap<>();

  final Gpt2Weights weights = PlantedGpt2Small.load();
  final PlantedRoles roles = PlantedGpt2Small.roles();
  /** A modest cache: the fixture lives for the test JVM, beside the other tests' models. */
  final Evaluator evaluator = Evaluator.builder().memoryBudgetBytes(256L << 20).build();
  final RemixDatasets datasets;
  final IoiPatchSetup setup;

  private PlantedGpt2Fixture(int n) {
    datasets = RemixDatasets.build(IoiTokenizers.gpt2(), n);
    setup = IoiPatchSetup.of(weights, datasets.ioi());
  }

  /** One fixture per N for the test JVM (the evaluator's cache is shared by its tests). */
  static synchronized PlantedGpt2Fixture shared(int n) {
    return SHARED.computeIfAbsent(n, PlantedGpt2Fixture::new);
  }

  /** Drops the evaluator's cached values (call when a test class is done). */
  void release() {
    evaluator.clearCache();
  }

  /** A probe on planted-gpt2 sharing this fixture's evaluator. */
  PlantedProbe probe() {
    return new PlantedProbe(weights, evaluator);
  }

  /** The mean logit difference on the baseline. */
  double reference() {
    return setup.reference();
  }

  /** The ABC patch: S1 replaced by a third name. */
  IoiDataset abc() {
    return datasets.ioi().flip(Flip.S1);
  }

  /** Change of the mean ld when {@code head}'s direct path from END to the logits is patched. */
  double directEffect(IoiPatchSetup on, Head head, IoiDataset patch) {
    IterativeMatcher m = DirectPaths.extendMatcher(List.of(NodeSpec.head(head.layer(),
        head.head(), on.position("END")).toName()), true, true, Channel.ALL)
        .extend(IterativeMatcher.corrRootMatcher());
    return on.meanLogitDiff(m, patch, evaluator) - on.reference();
  }

  /** The setup with the name movers resampled from ABC at every position. */
  IoiPatchSetup resampledMovers() {
    return HeadKnockout.resample(setup, roles.nameMovers(),
        HeadKnockout.allPositions(setup), abc());
  }

  /** The setup with the name movers mean-ablated over flipped IO+S at every position. */
  IoiPatchSetup meanAblatedMovers() {
    return HeadKnockout.mean(setup, roles.nameMovers(), HeadKnockout.allPositions(setup),
        datasets.flippedIoS());
  }

  /** Mean ld with the S-inhibition heads' outputs at END patched from each signal dataset. */
  double[][] signalGrid() {
    SignalDatasets.Token[] tokens = SignalDatasets.Token.values();
    SignalDatasets.Position[] positions = SignalDatasets.Position.values();
    double[][] ld = new double[tokens.length][positions.length];
    for (int t = 0; t < tokens.length; t++) {
      for (int p = 0; p < positions.length; p++) {
        IoiDataset patch = SignalDatasets.of(datasets.ioi(), datasets.flippedS(), tokens[t],
            positions[p]);
        ld[t][p] = RolePositionPatch.run(setup, roles.sInhibition(), patch, "END")
            .logitDiff(setup.labels(), setup.position("END")).meanNumber().doubleValue();
      }
    }
    return ld;
  }

  /** Attention probabilities [heads, N, query, key] of {@code heads} on {@code ds}. */
  INDArray attention(List<Head> heads, IoiDataset ds) {
    Gpt2Circuit model = Gpt2Circuit.build(weights, Gpt2BuildOptions.split(ds.maxLength()));
    return AttentionPatterns.patterns(model, heads, ds.modelTokens(), evaluator);
  }

  /** Mean over prompts of {@code patterns[head, :, query[i], key[i]]}. */
  static double mean(INDArray patterns, int head, int[] query, int[] key) {
    double s = 0;
    for (int i = 0; i < query.length; i++) {
      s += patterns.getDouble(head, i, query[i], key[i]);
    }
    return s / query.length;
  }
}
