package dev.circuits.gpt2.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.circuits.core.Circuit;
import dev.circuits.core.eval.Evaluator;
import dev.circuits.core.io.Safetensors;
import dev.circuits.core.io.SafetensorsFile;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** GPT-2 numerics against Hugging Face's GPT2LMHeadModel outputs on the tiny fixture. */
class Gpt2ReferenceTest {
  private static Gpt2Weights weights;
  private static INDArray ids;
  private static INDArray refLogits;
  private static SafetensorsFile reference;
  private final Evaluator evaluator = Evaluator.create();

  @BeforeAll
  static void load() {
    weights = Gpt2Checkpoint.load(Gpt2CheckpointTest.tinyDir());
    reference = Safetensors.open(Gpt2CheckpointTest.tinyDir().resolve("reference.safetensors"));
    ids = reference.read("input_ids");
    refLogits = reference.read("logits");
  }

  private static double maxAbsDiff(INDArray a, INDArray b) {
    assertEquals(Arrays.toString(b.shape()), Arrays.toString(a.shape()));
    return a.castTo(DataType.DOUBLE).sub(b.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
  }

  private static Circuit named(Circuit root, String name) {
    return root.postOrder().stream().filter(n -> name.equals(n.name())).findFirst()
        .orElseThrow(() -> new AssertionError("no node named " + name));
  }

  @Test
  void fusedLogitsResidualsAndPatternsMatch() {
    Gpt2Circuit m = Gpt2Circuit.build(weights, Gpt2BuildOptions.fused(11));
    Circuit logits = m.withTokens(m.logits(), ids);
    assertTrue(maxAbsDiff(evaluator.evaluate(logits), refLogits) < 1e-4);
    for (int l = 0; l < 2; l++) {
      Circuit resid = named(logits, l == 0 ? "embeds" : "a" + l + ".input");
      assertTrue(maxAbsDiff(evaluator.evaluate(resid), reference.read("resid_pre." + l)) < 1e-4,
          "resid_pre." + l);
      Circuit probs = named(logits, "a" + l + ".attn_probs");
      assertTrue(maxAbsDiff(evaluator.evaluate(probs), reference.read("attn." + l)) < 1e-4,
          "attn." + l);
    }
  }

  @Test
  void splitModelEqualsFusedModel() {
    Gpt2Circuit split = Gpt2Circuit.build(weights, Gpt2BuildOptions.split(11).withPositionSplit());
    INDArray logits = evaluator.evaluate(split.withTokens(split.logits(), ids));
    assertTrue(maxAbsDiff(logits, refLogits) < 1e-4);
  }

  @Test
  void logitsAtOnePositionMatch() {
    Gpt2Circuit m = Gpt2Circuit.build(weights, Gpt2BuildOptions.fused(11));
    INDArray last = evaluator.evaluate(m.withTokens(m.logitsAt(-1), ids));
    INDArray expected = refLogits.get(NDArrayIndex.all(), NDArrayIndex.point(10),
        NDArrayIndex.all());
    assertTrue(maxAbsDiff(last, expected) < 1e-4);
  }

  @Test
  void rightPaddingDoesNotChangeRealPositions() {
    int len = 6;
    INDArray prefix = ids.get(NDArrayIndex.all(), NDArrayIndex.interval(0, len)).dup();
    Gpt2Circuit shortModel = Gpt2Circuit.build(weights, Gpt2BuildOptions.fused(len));
    INDArray unpadded = evaluator.evaluate(shortModel.withTokens(shortModel.logits(), prefix));
    INDArray padded = ids.dup();
    padded.get(NDArrayIndex.all(), NDArrayIndex.interval(len, 11)).assign(999);
    Gpt2Circuit full = Gpt2Circuit.build(weights, Gpt2BuildOptions.fused(11));
    INDArray paddedLogits = evaluator.evaluate(full.withTokens(full.logits(), padded));
    double diff = maxAbsDiff(paddedLogits.get(NDArrayIndex.all(), NDArrayIndex.interval(0, len),
        NDArrayIndex.all()), unpadded);
    assertTrue(diff < 1e-4, "padding moved real positions' logits by " + diff);
  }

  @Test
  void erfGeluDiffersFromGeluNewSlightly() {
    Gpt2Circuit erf = Gpt2Circuit.build(weights, Gpt2BuildOptions.fused(11)
        .withActivation(Gpt2BuildOptions.Activation.GELU_ERF));
    double diff = maxAbsDiff(evaluator.evaluate(erf.withTokens(erf.logits(), ids)), refLogits);
    assertTrue(diff > 1e-7 && diff < 1e-2, "erf-GELU moved logits by " + diff);
    assertEquals(List.of(3L, 11L), Arrays.stream(ids.shape()).boxed().toList());
  }
}
