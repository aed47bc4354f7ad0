package dev.circuits.gpt2.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.circuits.core.Circuit;
import dev.circuits.core.CircuitException;
import dev.circuits.core.DiscreteVar;
import dev.circuits.core.eval.Evaluator;
import dev.circuits.core.match.Matcher;
import dev.circuits.core.sample.Sampler;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The logit-difference metric and attention patterns against the plain (fused) model. */
class LogitDiffAndAttentionTest {
  private static final int T = 5;
  private static Gpt2Weights weights;
  private static INDArray tokens;
  private final Evaluator evaluator = Evaluator.builder().float64().build();

  @BeforeAll
  static void setUp() {
    Gpt2Config cfg = new Gpt2Config(2, 3, 12, 20, 8, 1e-5, "gelu_new");
    weights = Gpt2Weights.fromHuggingFace(cfg, RandomGpt2.stateDict(cfg, 11), "random");
    tokens = Nd4j.createFromArray(new long[][] {{1, 5, 7, 2, 19}, {0, 3, 3, 8, 4},
        {9, 9, 1, 0, 12}});
  }

  @Test
  void logitDiffIsTheDifferenceOfTwoLogits() {
    Gpt2Circuit m = Gpt2Circuit.build(weights, Gpt2BuildOptions.fused(T));
    INDArray logits = evaluator.evaluate(m.withTokens(m.logits(), tokens));
    INDArray ioS = Nd4j.createFromArray(new long[][] {{4, 7}, {0, 19}, {11, 3}});
    Circuit group = DiscreteVar.uniformProbsAndGroup(3);
    for (long pos : new long[] {T - 1, -1, 2}) {
      Circuit ld = LogitDiff.bindLabels(LogitDiff.build(m, pos), ioS, group);
      Circuit withTokens = Matcher.named("tokens").update(ld, x -> DiscreteVar.of(
          dev.circuits.core.Array.of(tokens, "toks"), group, "tokens"));
      INDArray got = evaluator.evaluate(Sampler.runAll(group).sample(withTokens));
      long p = pos < 0 ? pos + T : pos;
      for (int n = 0; n < 3; n++) {
        double want = logits.getDouble(n, p, ioS.getLong(n, 0))
            - logits.getDouble(n, p, ioS.getLong(n, 1));
        assertEquals(want, got.getDouble(n), 1e-9, "prompt " + n + " position " + pos);
      }
    }
    assertEquals("labels var", Matcher.ofKind(dev.circuits.core.Kind.DISCRETE_VAR)
        .getUnique(LogitDiff.bindLabels(LogitDiff.build(m, -1), ioS, group)).name());
    assertThrows(CircuitException.class, () -> LogitDiff.build(m, T));
    assertThrows(CircuitException.class, () -> LogitDiff.bindLabels(LogitDiff.build(m, 0),
        Nd4j.zeros(DataType.LONG, 3, 3), group));
    assertThrows(CircuitException.class, () -> LogitDiff.bindLabels(m.logits(), ioS, group));
  }

  @Test
  void patternsEqualTheFusedModelsPerHeadProbabilities() {
    Gpt2Circuit split = Gpt2Circuit.build(weights, Gpt2BuildOptions.split(T).withPositionSplit());
    Gpt2Circuit fused = Gpt2Circuit.build(weights, Gpt2BuildOptions.fused(T));
    List<Head> heads = List.of(new Head(1, 2),
        new Head(0, 0));
    INDArray patterns = AttentionPatterns.patterns(split, heads, tokens, evaluator);
    INDArray weighted = AttentionPatterns.valueWeighted(split, heads, tokens, evaluator);
    assertEquals(List.of(2L, 3L, (long) T, (long) T), List.of(patterns.size(0),
        patterns.size(1), patterns.size(2), patterns.size(3)));
    for (int i = 0; i < heads.size(); i++) {
      Head h = heads.get(i);
      Circuit root = fused.withTokens(fused.logits(), tokens);
      INDArray probs = evaluator.evaluate(Matcher.named("a" + h.layer() + ".attn_probs")
          .getUnique(root)); // [b, heads, q, k]
      INDArray v = evaluator.evaluate(Matcher.named("a" + h.layer() + ".v_p_bias")
          .getUnique(root)); // [b, heads, t, c]
      for (int b = 0; b < 3; b++) {
        for (int q = 0; q < T; q++) {
          double rowSum = 0;
          for (int k = 0; k < T; k++) {
            double p = patterns.getDouble(i, b, q, k);
            rowSum += p;
            assertEquals(probs.getDouble(b, h.head(), q, k), p, 1e-5);
            if (k > q) {
              assertEquals(0.0, p, 1e-6, "causal");
            }
            double norm = v.get(NDArrayIndex.point(b), NDArrayIndex.point(h.head()),
                NDArrayIndex.point(k), NDArrayIndex.all()).norm2Number().doubleValue();
            assertEquals(p * norm, weighted.getDouble(i, b, q, k), 1e-5, "weighted by key norm");
          }
          assertEquals(1.0, rowSum, 1e-5);
        }
      }
    }
    assertThrows(CircuitException.class, () -> AttentionPatterns.patterns(fused, heads, tokens,
        evaluator));
    assertThrows(CircuitException.class, () -> AttentionPatterns.patterns(split,
        List.of(new Head(5, 0)), tokens, evaluator));
  }
}
