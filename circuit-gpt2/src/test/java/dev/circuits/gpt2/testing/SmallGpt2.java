package dev.circuits.gpt2.testing;

import dev.circuits.gpt2.model.Gpt2Config;
import dev.circuits.gpt2.model.Gpt2Weights;
import dev.circuits.gpt2.model.RandomGpt2;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Small random GPT-2 weights for tests, with attention and MLP outputs larger than GPT-2's
 * initialisation so that every component (and so every patch) moves the outputs clearly.
 */
public final class SmallGpt2 {
  private SmallGpt2() {}

  /** Random weights of {@code cfg}, seeded, with boosted attention, MLP and token scales. */
  public static Gpt2Weights weights(Gpt2Config cfg, long seed) {
    Map<String, INDArray> state = RandomGpt2.stateDict(cfg, seed);
    for (int l = 0; l < cfg.nLayer(); l++) {
      state.get("h." + l + ".attn.c_proj.weight").muli(8);
      state.get("h." + l + ".mlp.c_proj.weight").muli(4);
      state.get("h." + l + ".attn.c_attn.weight").muli(4);
    }
    state.get("wte.weight").muli(3);
    return Gpt2Weights.fromHuggingFace(cfg, state, "random-small-" + seed);
  }
}
