package dev.circuits.gpt2.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.circuits.core.Circuit;
import dev.circuits.core.Shape;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Loading HF-layout checkpoints and building the circuit's structure. */
class Gpt2CheckpointTest {
  static Path tinyDir() {
    try {
      return Path.of(Gpt2CheckpointTest.class.getResource("/tiny-gpt2/config.json").toURI())
          .getParent();
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void loadsTinyFixture() {
    Gpt2Weights w = Gpt2Checkpoint.load(tinyDir());
    Gpt2Config c = w.config();
    assertEquals(new Gpt2Config(2, 4, 64, 1000, 32, 1e-5, "gelu_new"), c);
    assertEquals(2, w.layers().size());
    assertEquals(Shape.of(4, 16, 64), Shape.of(w.layers().get(0).q().shape()));
    assertEquals(Shape.of(4, 64, 16), Shape.of(w.layers().get(0).o().shape()));
    assertEquals(Shape.of(256, 64), Shape.of(w.layers().get(0).projIn().shape()));
  }

  @Test
  void splitCircuitHasRemixNames() {
    Gpt2Weights w = Gpt2Checkpoint.load(tinyDir());
    Gpt2Circuit m = Gpt2Circuit.build(w, Gpt2BuildOptions.split(11).withPositionSplit());
    assertEquals(Shape.of(11, 1000), m.logits().shape());
    java.util.Set<String> names = new java.util.HashSet<>();
    for (Circuit n : m.logits().postOrder()) {
      if (n.isNamed()) {
        names.add(n.name());
      }
    }
    for (String n : new String[] {"embeds", "a1.input", "a0.norm", "a1.h3", "a1.p_bias", "a0",
        "m1", "m1.p_bias", "final.input", "final.norm", "logits", "a.q", "a.k", "a.v",
        "a.attn_probs", "a.v_p_bias", "a1_h2_t10", "m0_t3", "a0.h1_by_pos", "m0_by_pos",
        "tokens"}) {
      assertTrue(names.contains(n), "missing node " + n);
    }
  }

  @Test
  void reportsEveryProblem() {
    Gpt2Config cfg = new Gpt2Config(2, 2, 8, 10, 4, 1e-5, "gelu_new");
    Map<String, INDArray> state = RandomGpt2.stateDict(cfg, 1);
    state.remove("h.1.mlp.c_fc.bias");
    state.put("wpe.weight", org.nd4j.linalg.factory.Nd4j.zeros(5, 8));
    CheckpointException e = assertThrows(CheckpointException.class,
        () -> Gpt2Weights.fromHuggingFace(cfg, state, "test"));
    assertEquals(2, e.problems().size(), e.getMessage());
    assertTrue(e.getMessage().contains("h.1.mlp.c_fc.bias") && e.getMessage().contains("wpe"));
  }

  @Test
  void randomCheckpointRoundTrips(@TempDir Path dir) {
    Gpt2Config cfg = new Gpt2Config(1, 2, 8, 10, 4, 1e-5, "gelu_new");
    RandomGpt2.write(cfg, 7, dir);
    Gpt2Weights w = Gpt2Checkpoint.load(dir);
    assertEquals(cfg, w.config());
    assertEquals(RandomGpt2.stateDict(cfg, 7).get("wte.weight"), w.tokEmbeds());
  }

  @Test
  void configIgnoresUnknownKeysAndRoundTrips(@TempDir Path dir) throws java.io.IOException {
    Gpt2Config cfg = new Gpt2Config(3, 2, 8, 10, 64, 1e-5, "gelu_new");
    Map<String, Object> json = cfg.toJson();
    json.put("planted_circuit", Map.of("name_mover", java.util.List.of(java.util.List.of(2L, 1L))));
    json.put("some_flag", true);
    java.nio.file.Files.writeString(dir.resolve(Gpt2Checkpoint.CONFIG),
        dev.circuits.core.internal.Json.write(json));
    assertEquals(cfg, Gpt2Checkpoint.readConfig(dir.resolve(Gpt2Checkpoint.CONFIG)));
    assertEquals(64L, json.get("n_ctx"));
  }
}
