package dev.circuits.ioi.claims;

import dev.circuits.core.eval.Evaluator;
import dev.circuits.gpt2.model.Gpt2Config;
import dev.circuits.gpt2.model.Gpt2Weights;
import dev.circuits.gpt2.model.RandomGpt2;
import dev.circuits.ioi.experiments.SweepMatrix;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/** Small helpers for the claims framework tests: scripted claims, a tiny context, sweeps. */
final class ClaimFixtures {
  private ClaimFixtures() {}

  /** A claim with id {@code id} whose run is {@code body}. */
  static Claim claim(String id, BiConsumer<ClaimContext, ClaimReport> body) {
    return new Claim() {
      @Override
      public String id() {
        return id;
      }

      @Override
      public String title() {
        return "scripted claim " + id;
      }

      @Override
      public String statement() {
        return "Claim " + id + " holds.";
      }

      @Override
      public void run(ClaimContext context, ClaimReport report) {
        body.accept(context, report);
      }
    };
  }

  /** A context on a tiny random GPT-2 (nothing is evaluated unless a claim asks). */
  static ClaimContext tinyContext(ClaimProgress progress) {
    Gpt2Config cfg = new Gpt2Config(1, 2, 8, 64, 16, 1e-5, "gelu_new");
    Gpt2Weights w = Gpt2Weights.fromHuggingFace(cfg, RandomGpt2.stateDict(cfg, 3), "tiny");
    return new ClaimContext(w, "tiny", ExpectedHeads.none(), 4, Evaluator.create(), progress);
  }

  /** A 2-layer x (2 heads + MLP) sweep with the given rows and reference. */
  static SweepMatrix sweep(double reference, double[]... rows) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < rows.length; i++) {
      names.add(String.valueOf(i));
    }
    return new SweepMatrix(names, List.of("h0", "h1", "mlp"), rows, reference, 0);
  }
}
