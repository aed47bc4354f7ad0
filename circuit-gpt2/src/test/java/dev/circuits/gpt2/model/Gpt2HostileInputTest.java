package dev.circuits.gpt2.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.circuits.core.CircuitException;
import dev.circuits.core.internal.Json;
import dev.circuits.core.testing.CapturedLog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Issue 15: config.json and checkpoint faults that used to be accepted or garbled. */
class Gpt2HostileInputTest {
  private static final Gpt2Config TINY = new Gpt2Config(1, 2, 8, 10, 4, 1e-5, "gelu_new");

  @TempDir
  Path dir;

  private CircuitException configFails(String field, String value) throws IOException {
    Map<String, Object> json = TINY.toJson();
    Path config = dir.resolve("config.json");
    Files.writeString(config, Json.write(json).replace("\"" + field + "\":" + json.get(field),
        "\"" + field + "\":" + value));
    return assertThrows(CircuitException.class, () -> Gpt2Checkpoint.readConfig(config));
  }

  @Test
  void integersBeyondThirtyTwoBitsAreRejectedNotTruncated() throws IOException {
    for (String field : new String[] {"n_layer", "n_head", "n_embd", "vocab_size"}) {
      for (String value : new String[] {"4294967298", "1000000000000"}) {
        CircuitException e = configFails(field, value);
        assertTrue(e.getMessage().contains("config.json") && e.getMessage().contains(field)
            && e.getMessage().contains(value) && e.getMessage().contains("too large"),
            e.getMessage());
      }
    }
  }

  @Test
  void nonPositiveLayerNormEpsilonIsRejected() throws IOException {
    for (String value : new String[] {"0", "-1e-5", "0.0"}) {
      CircuitException e = configFails("layer_norm_epsilon", value);
      assertTrue(e.getMessage().contains("config.json")
          && e.getMessage().contains("layer_norm_epsilon"), e.getMessage());
    }
  }

  @Test
  void nanInConfigNamesTheFileLineAndColumn() throws IOException {
    Path config = dir.resolve("config.json");
    Files.writeString(config, "{\n  \"n_layer\": 1,\n  \"layer_norm_epsilon\": NaN\n}\n");
    CircuitException e = assertThrows(CircuitException.class,
        () -> Gpt2Checkpoint.readConfig(config));
    assertTrue(e.getMessage().startsWith(config + ": ") && e.getMessage().contains("line 3")
        && e.getMessage().contains("column 25") && e.getMessage().contains("NaN"),
        e.getMessage());
  }

  @Test
  void tooManyProblemsAreListedBrieflyAndCounted() {
    Gpt2Config huge = new Gpt2Config(100_000, 2, 8, 10, 4, 1e-5, "gelu_new");
    CheckpointException e = assertThrows(CheckpointException.class,
        () -> Gpt2Weights.fromHuggingFace(huge, RandomGpt2.stateDict(TINY, 1), "ckpt"));
    assertEquals(CheckpointException.MAX_LISTED, e.problems().size());
    assertEquals(99_999L * 12, e.problemCount());
    assertTrue(e.getMessage().length() < 5_000, "message of " + e.getMessage().length());
    assertTrue(e.getMessage().contains("1199988 problem(s)")
        && e.getMessage().contains("... and 1199968 more"), e.getMessage());
  }

  @Test
  void nonFiniteWeightsAreReportedByName() {
    Map<String, INDArray> state = RandomGpt2.stateDict(TINY, 1);
    state.get("h.0.mlp.c_fc.bias").putScalar(3, Float.NaN);
    state.get("ln_f.weight").putScalar(0, Float.POSITIVE_INFINITY);
    assertEquals(1, NonFiniteWeights.count(state.get("ln_f.weight")));
    assertEquals(0, NonFiniteWeights.count(state.get("wte.weight")));
    String log = CapturedLog.stderrOf(() -> Gpt2Weights.fromHuggingFace(TINY, state, "ckpt"));
    assertTrue(log.contains("WARN") && log.contains("'h.0.mlp.c_fc.bias'")
        && log.contains("'ln_f.weight'") && log.contains("NaN or infinite"), log);
    assertTrue(CapturedLog.stderrOf(() -> Gpt2Weights.fromHuggingFace(TINY, RandomGpt2.stateDict(TINY, 1),
        "ckpt")).isEmpty());
  }

  @Test
  void tokenIdsOutsideTheVocabularyAreRejectedWithTheirPosition() {
    Gpt2Circuit m = Gpt2Circuit.build(Gpt2Weights.fromHuggingFace(TINY,
        RandomGpt2.stateDict(TINY, 1), "ckpt"), Gpt2BuildOptions.fused(2));
    for (long bad : new long[] {-1, 10, (1L << 32) + 7, 1L << 40}) {
      INDArray ids = Nd4j.createFromArray(new long[][] {{1, 2}, {bad, 3}});
      CircuitException e = assertThrows(CircuitException.class,
          () -> m.withTokens(m.logits(), ids));
      assertTrue(e.getMessage().contains("token id " + bad + " at position [1, 0]")
          && e.getMessage().contains("vocab_size 10"), e.getMessage());
    }
  }

  @Test
  void randomCheckpointsAreWrittenAsAWholeFolderAndFailuresSayWhy() throws IOException {
    Path out = dir.resolve("model");
    RandomGpt2.write(TINY, 1, out);
    RandomGpt2.write(TINY, 2, out);
    assertEquals(TINY, Gpt2Checkpoint.load(out).config());
    Path file = Files.writeString(dir.resolve("file"), "x");
    CircuitException e = assertThrows(CircuitException.class,
        () -> RandomGpt2.write(TINY, 1, file));
    assertTrue(e.getMessage().contains("it is a file, not a folder"), e.getMessage());
    try (var left = Files.list(dir)) {
      assertEquals(java.util.Set.of("model", "file"), left.map(p -> p.getFileName().toString())
          .collect(java.util.stream.Collectors.toSet()));
    }
  }
}
