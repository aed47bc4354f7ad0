package dev.circuits.ioi.claims;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.circuits.core.eval.Evaluator;
import dev.circuits.gpt2.model.Gpt2Config;
import dev.circuits.gpt2.model.Gpt2Weights;
import dev.circuits.gpt2.model.RandomGpt2;
import org.junit.jupiter.api.Test;

/** The "model barely does IOI" warning and where the report shows it. */
class IoiWarningTest {
  @Test
  void aRandomModelGetsAWarningThePlantedOneDoesNot() {
    Gpt2Config cfg = new Gpt2Config(1, 2, 8, 50257, 32, 1e-5, "gelu_new");
    Gpt2Weights w = Gpt2Weights.fromHuggingFace(cfg, RandomGpt2.stateDict(cfg, 3), "random");
    String warning = new ClaimContext(w, "random", ExpectedHeads.none(), 8, Evaluator.create(),
        ClaimProgress.NONE).ioiWarning().orElseThrow();
    assertTrue(warning.startsWith("random barely does IOI") && warning.contains("need >= 1.0"),
        warning);
    assertTrue(PlantedClaims.context(8).ioiWarning().isEmpty(), "planted model does IOI");
  }
}
