package dev.circuits.examples;

import dev.circuits.core.eval.Evaluator;
import dev.circuits.gpt2.model.Head;
import dev.circuits.gpt2.model.Channel;
import dev.circuits.gpt2.model.Gpt2Weights;
import dev.circuits.ioi.IoiDataset;
import dev.circuits.ioi.PatchDataset;
import dev.circuits.ioi.PromptType;
import dev.circuits.ioi.experiments.PatchSweep;
import dev.circuits.ioi.experiments.SweepMatrix;
import dev.circuits.ioi.planted.PlantedIoiModel;
import java.util.List;
import java.util.Locale;

/**
 * README "Path patching": for every head and MLP, patch its direct path to the logits with
 * activations from prompts whose IO name was re-drawn, and see how much the logit difference
 * drops; then the same into the name movers' queries from prompts whose S was re-drawn (which
 * finds the S-inhibition head). On the planted IOI model. Argument: {@code [N]} (default 20).
 */
public final class PathPatchingSweep {
  private PathPatchingSweep() {}

  /** Runs the example. */
  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    Gpt2Weights w = PlantedIoiModel.load();
    IoiDataset base = IoiDataset.builder().n(n).seed(42).nbTemplates(1).promptType(PromptType.BABA).build();

    SweepMatrix direct = PatchSweep.run(w, base, PatchDataset.FLIPPED_IO.flip(base),
        PatchSweep.Spec.logits(), Evaluator.create());
    print("direct paths to the logits, patched from flipped-IO prompts", direct);

    List<Head> nameMovers = List.of(new Head(3, 0),
        new Head(3, 1));
    SweepMatrix viaQ = PatchSweep.run(w, base, PatchDataset.FLIPPED_S.flip(base),
        PatchSweep.Spec.into(nameMovers, Channel.Q, "END"), Evaluator.create());
    print("paths into the name movers' queries at END, patched from flipped-S prompts", viaQ);
  }

  private static void print(String title, SweepMatrix m) {
    System.out.printf(Locale.ROOT, "%s (reference logit difference %.3f; %.1f s):%n", title,
        m.reference(), m.seconds());
    System.out.printf("%8s", "");
    m.cols().forEach(c -> System.out.printf("%8s", c));
    System.out.println();
    for (int l = 0; l < m.rows().size(); l++) {
      System.out.printf("%8s", m.rows().get(l));
      for (double v : m.values()[l]) {
        System.out.printf(Locale.ROOT, "%8.3f", v);
      }
      System.out.println();
    }
    System.out.println("largest effects: " + m.ranking().subList(0, 3));
  }
}
