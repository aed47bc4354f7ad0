package dev.circuits.core.library;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.circuits.core.Array;
import dev.circuits.core.Circuit;
import dev.circuits.core.eval.Evaluator;
import dev.circuits.core.testing.SharedFixtures;
import dev.circuits.core.text.ParseException;
import dev.circuits.core.text.ParserOptions;
import dev.circuits.core.text.PrintOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** REMIX's three model files parse completely, print back identically and evaluate. */
class ModelFileParseTest {
  private static String read(String file) throws IOException {
    return Files.readString(SharedFixtures.circDir().resolve(file));
  }

  @ParameterizedTest
  @ValueSource(strings = {"jun9_paren_balancer.circ", "attention_only_2.circ",
      "gelu_12_tied.circ"})
  void printsBackIdentically(String file) throws IOException {
    String text = read(file);
    ModelFile f = ModelFile.parse(text, ParserOptions.defaults().withTensorStandIns(true));
    assertEquals(withoutTrailingComments(text), f.dump(PrintOptions.defaults()));
    assertEquals(text.lines().findFirst().orElseThrow(), ModelFile.INFO_PREFIX + f.infoJson());
    assertEquals(List.of("t.w.tok_embeds", "t.w.pos_embeds", ModelFile.BOUND_WEIGHTS),
        List.copyOf(f.circuits().keySet()));
  }

  @Test
  void infoHeadersAreExposed() throws IOException {
    TransformerInfo gpt2 = ModelFile.parse(read("gelu_12_tied.circ"),
        ParserOptions.defaults().withTensorStandIns(true)).info();
    assertEquals(12, gpt2.params().numLayers());
    assertEquals("gelu", gpt2.params().blockParams().mlpActType());
    assertEquals("GPT", gpt2.modelClass());
    TransformerInfo attn = ModelFile.parse(read("attention_only_2.circ"),
        ParserOptions.defaults().withTensorStandIns(true)).info();
    assertEquals("shortformer", attn.posEncType());
    assertTrue(!attn.params().blockParams().useMlp() && attn.params().blockParams().attnPos());
  }

  @Test
  void gpt2SmallWeightsAreNamedAsInRemix() throws IOException {
    ModelFile f = ModelFile.parse(read("gelu_12_tied.circ"),
        ParserOptions.defaults().withTensorStandIns(true));
    assertEquals(2 + 12 * 16 + 3, f.weights().size());
    Array q = f.weights().get("a0.w.q_arr");
    assertArrayEquals(new long[] {12, 64, 768}, q.shape().toArray());
    assertTrue(f.weights().get("a0.ln.w.bias_arr").tensorHashHex()
        .startsWith("b8bd8a90d0db28aa0302de9a"));
    assertEquals(f.weights().get("t.w.tok_embeds").tensorHashHex(),
        f.weights().get("t.w.unembed_arr").tensorHashHex(), "tied embeddings");
  }

  @Test
  void parenBalancerEvaluatesOnTokens() throws IOException {
    ModelFile f = ModelFile.parse(read("jun9_paren_balancer.circ"),
        ParserOptions.defaults().withTensorsAsRandom(true, 5));
    Circuit tokens = Array.wrap(Nd4j.createFromArray(new long[][] {{0, 1, 2, 1, 0, 3},
        {4, 4, 3, 2, 1, 0}}), "tokens");
    Circuit call = f.info().bindToInputTokens(f.get(ModelFile.BOUND_WEIGHTS), tokens,
        f.get("t.w.tok_embeds"), f.get("t.w.pos_embeds"));
    INDArray logits = Evaluator.create().evaluate(call);
    assertArrayEquals(new long[] {2, 6, 2}, logits.shape());
    assertTrue(Double.isFinite(logits.sumNumber().doubleValue()));
    INDArray first = Evaluator.create().evaluate(f.info().bindToInputTokens(
        f.get(ModelFile.BOUND_WEIGHTS), Array.wrap(Nd4j.createFromArray(0L, 1L, 2L, 1L, 0L, 3L),
            "tokens"), f.get("t.w.tok_embeds"), f.get("t.w.pos_embeds")));
    assertTrue(first.sub(logits.slice(0)).amaxNumber().doubleValue() < 1e-4,
        "batching does not change a row");
  }

  @Test
  void malformedModelFilesAreRejectedClearly() throws IOException {
    ParserOptions opts = ParserOptions.defaults().withTensorStandIns(true);
    ModelFileException noHeader = assertThrows(ModelFileException.class,
        () -> ModelFile.parse("'x' [2] Scalar 1", opts));
    assertTrue(noHeader.getMessage().contains("# info:"), noHeader.getMessage());
    ModelFileException badJson = assertThrows(ModelFileException.class,
        () -> ModelFile.parse("# info:{\"params\": [}\n", opts));
    assertTrue(badJson.getMessage().contains("not valid JSON"), badJson.getMessage());
    ModelFileException badNorm = assertThrows(ModelFileException.class, () -> ModelFile.parse(
        "# info:{\"params\": {\"block_params\": {\"norm_type\": \"rms\"}}}\n", opts));
    assertTrue(badNorm.getMessage().contains("'rms'"), badNorm.getMessage());
    String wrongUuid = read("attention_only_2.circ").replace("e3e70682-c209-4cac-629f",
        "e3e70682-c209-4cac-0000");
    ParseException e = assertThrows(ParseException.class, () -> ModelFile.parse(wrongUuid, opts));
    assertTrue(e.getMessage().contains("'a0.w.q'") && e.getMessage().contains("t.bind_w"),
        e.getMessage());
  }

  @Test
  void infoJsonFollowsPythonsLayoutAndDefaults() {
    TransformerInfo defaults = TransformerInfo.fromJson("{}");
    assertEquals("{\"params\": {\"block_params\": {\"norm_type\": \"ln\", \"attn_bias\": false, "
        + "\"attn_pos\": false, \"use_mlp\": true, \"mlp_act_type\": \"gelu\", "
        + "\"mlp_output_bias\": false}, \"num_layers\": 2, \"use_norm_output\": true, "
        + "\"output_bias\": false}, \"model_class\": \"GPTBeginEndToks\", \"pos_enc_type\": "
        + "\"gpt\", \"causal_mask\": true, \"extra\": null}", defaults.toJson());
    String rope = "{\"params\": {\"block_params\": {\"norm_type\": null, \"attn_bias\": false, "
        + "\"attn_pos\": false, \"use_mlp\": false, \"mlp_act_type\": \"relu\", "
        + "\"mlp_output_bias\": false, \"use_rope\": true}, \"num_layers\": 1, "
        + "\"use_norm_output\": false, \"output_bias\": true}, \"model_class\": \"x\u00e9\", "
        + "\"pos_enc_type\": null, \"causal_mask\": null, \"extra\": {\"a\": [1, \"b\"]}}";
    assertEquals(rope.replace("\u00e9", "\\u00e9"), TransformerInfo.fromJson(rope).toJson());
  }

  /** The files end with a blank line and a hand-written "# originally ..." comment. */
  static String withoutTrailingComments(String text) {
    String[] lines = text.split("\n", -1);
    int end = lines.length;
    while (end > 0 && (lines[end - 1].isBlank() || lines[end - 1].startsWith("#"))) {
      end--;
    }
    return String.join("\n", java.util.Arrays.copyOf(lines, end)) + "\n";
  }
}
