package dev.circuits.gpt2.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.circuits.core.Array;
import dev.circuits.core.Circuit;
import dev.circuits.core.CircuitException;
import dev.circuits.core.eval.Evaluator;
import dev.circuits.core.match.Matcher;
import dev.circuits.gpt2.model.AttentionPatterns;
import dev.circuits.gpt2.model.Gpt2BuildOptions;
import dev.circuits.gpt2.model.Gpt2Circuit;
import dev.circuits.gpt2.model.Gpt2Config;
import dev.circuits.gpt2.model.Gpt2Weights;
import dev.circuits.gpt2.model.Head;
import dev.circuits.gpt2.model.NodeSpec;
import dev.circuits.gpt2.testing.SmallGpt2;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The row engine's forward pass against the circuit evaluated by the {@link Evaluator}. */
class ForwardRunTest {
  private static final int LAYERS = 3;
  private static final int HEADS = 4;
  private static final int T = 7;
  private static final int N = 4;
  private static final double TOL = 2e-4;

  /** A random small GPT-2 with outputs large enough that every component matters. */
  static Gpt2Weights weights(long seed, int vocab) {
    return SmallGpt2.weights(new Gpt2Config(LAYERS, HEADS, 32, vocab, 8, 1e-5, "gelu_new"),
        seed);
  }

  static INDArray tokens(long seed, int n, int t, int vocab) {
    SplittableRandom r = new SplittableRandom(seed);
    long[][] ids = new long[n][t];
    for (long[] row : ids) {
      for (int i = 0; i < t; i++) {
        row[i] = r.nextInt(vocab);
      }
    }
    return Nd4j.createFromArray(ids);
  }

  private static INDArray circuitValue(Gpt2Circuit model, Circuit root, String name,
      INDArray tokens) {
    Circuit node = Matcher.named(name).getFirst(root).orElseThrow();
    return Evaluator.create().evaluate(model.withTokens(node, tokens)).castTo(DataType.DOUBLE);
  }

  private static void assertClose(INDArray want, INDArray got, String what) {
    INDArray w = want.castTo(DataType.DOUBLE);
    INDArray g = got.castTo(DataType.DOUBLE);
    assertEquals(java.util.Arrays.toString(w.shape()), java.util.Arrays.toString(g.shape()),
        what);
    double diff = w.sub(g).amaxNumber().doubleValue();
    assertTrue(diff < TOL * Math.max(1, w.amaxNumber().doubleValue()),
        what + ": max difference " + diff);
  }

  @Test
  void everyActivationMatchesTheCircuit() {
    for (long seed = 1; seed <= 3; seed++) {
      Gpt2Weights w = weights(seed, 50);
      Gpt2Circuit model = Gpt2Circuit.build(w, Gpt2BuildOptions.split(T));
      INDArray toks = tokens(seed + 10, N, T, 50);
      ForwardRun run = ForwardRun.of(RowModel.of(w, Gpt2BuildOptions.Activation.GELU_NEW), toks,
          T - 1, HeadOverrides.none());
      Circuit root = model.logits();
      assertClose(circuitValue(model, root, "final.input", toks), run.finalResid(),
          "final residual, seed " + seed);
      for (int l = 0; l < LAYERS; l++) {
        String name = l == 0 ? "embeds" : "a" + l + ".input";
        assertClose(circuitValue(model, root, name, toks),
            run.residIn(l, 0, T), name);
        INDArray mlp = circuitValue(model, root, "m" + l, toks);
        for (int h = 0; h < HEADS; h++) {
          INDArray head = circuitValue(model, root, "a" + l + ".h" + h, toks);
          assertClose(head, run.headOutput(l, h), "a" + l + ".h" + h + " every row");
          for (int row : new int[] {0, 3, T - 1}) {
            assertClose(head.get(NDArrayIndex.all(), NDArrayIndex.point(row), NDArrayIndex.all()),
                run.headOutput(l, h, row), "a" + l + ".h" + h + " row " + row);
          }
        }
        assertClose(mlp.get(NDArrayIndex.all(), NDArrayIndex.point(2), NDArrayIndex.all()),
            run.mlpOutput(l, 2), "m" + l);
      }
    }
  }

  @Test
  void attentionMatchesTheCircuitsPatterns() {
    Gpt2Weights w = weights(11, 50);
    Gpt2Circuit model = Gpt2Circuit.build(w, Gpt2BuildOptions.split(T));
    INDArray toks = tokens(12, N, T, 50);
    ForwardRun run = ForwardRun.of(RowModel.of(w, Gpt2BuildOptions.Activation.GELU_NEW), toks,
        T - 1, HeadOverrides.none());
    List<Head> heads = List.of(new Head(0, 1),
        new Head(2, 3));
    Evaluator ev = Evaluator.create();
    assertClose(AttentionPatterns.patterns(model, heads, toks, ev), run.attention(heads, false),
        "attention");
    assertClose(AttentionPatterns.valueWeighted(model, heads, toks, ev),
        run.attention(heads, true), "value-weighted attention");
  }

  @Test
  void componentOutputsFollowTheSweepOrder() {
    Gpt2Weights w = weights(4, 50);
    ForwardRun run = ForwardRun.of(RowModel.of(w, Gpt2BuildOptions.Activation.GELU_NEW),
        tokens(5, N, T, 50), T - 1, HeadOverrides.none());
    INDArray all = run.componentOutputs(4);
    var order = NodeSpec.sweep(LAYERS, HEADS, 4);
    assertEquals(order.size(), all.size(0));
    for (int i = 0; i < order.size(); i++) {
      NodeSpec s = order.get(i);
      INDArray want = s.isMlp() ? run.mlpOutput(s.layer(), 4) : run.headOutput(s.layer(),
          s.head(), 4);
      assertClose(want, all.get(NDArrayIndex.point(i)), s.toName());
    }
  }

  @Test
  void erfGeluAndShorterRunsMatchTheCircuit() {
    Gpt2Weights w = weights(6, 50);
    Gpt2Circuit model = Gpt2Circuit.build(w, Gpt2BuildOptions.split(T)
        .withActivation(Gpt2BuildOptions.Activation.GELU_ERF));
    INDArray toks = tokens(7, N, T, 50);
    ForwardRun run = ForwardRun.of(RowModel.of(w, Gpt2BuildOptions.Activation.GELU_ERF), toks, 4,
        HeadOverrides.none());
    assertEquals(5, run.rows());
    INDArray want = circuitValue(model, model.logits(), "final.input", toks)
        .get(NDArrayIndex.all(), NDArrayIndex.interval(0, 5), NDArrayIndex.all());
    assertClose(want, run.finalResid(), "rows 0..4 do not depend on later rows");
  }

  @Test
  void frozenHeadsMatchTheCircuitWithTheirPositionNodeReplaced() {
    Gpt2Weights w = weights(8, 50);
    Gpt2Circuit model = Gpt2Circuit.build(w, Gpt2BuildOptions.split(T).withPositionSplit());
    INDArray toks = tokens(9, 1, T, 50);
    INDArray frozen = Nd4j.rand(DataType.FLOAT, 1, 32).subi(0.5).muli(20);
    HeadOverrides o = HeadOverrides.none().with(NodeSpec.head(1, 2, 3), frozen)
        .with(NodeSpec.head(0, 1, 5), frozen.mul(-1));
    ForwardRun run = ForwardRun.of(RowModel.of(w, Gpt2BuildOptions.Activation.GELU_NEW), toks,
        T - 1, o);
    Circuit root = model.logits();
    for (Map.Entry<NodeSpec, INDArray> e : o.values().entrySet()) {
      String name = e.getKey().toName();
      Circuit replacement = Array.of(e.getValue().reshape(1, 32), name);
      root = Matcher.named(name).update(root, x -> replacement);
    }
    Circuit finalInput = Matcher.named("final.input").getFirst(root).orElseThrow();
    INDArray want = Evaluator.create().evaluate(model.withTokens(finalInput, toks.getRow(0)))
        .castTo(DataType.DOUBLE);
    assertClose(want.reshape(1, T, 32), run.finalResid(), "final residual with frozen heads");
    assertClose(frozen, run.headOutput(1, 2, 3), "a frozen head outputs its value");
  }

  @Test
  void freezingMoreHeadsLaterEqualsFreezingThemFromTheStart() {
    Gpt2Weights w = weights(13, 50);
    RowModel m = RowModel.of(w, Gpt2BuildOptions.Activation.GELU_NEW);
    INDArray toks = tokens(14, N, T, 50);
    HeadOverrides first = HeadOverrides.none().with(NodeSpec.head(0, 3, 2),
        Nd4j.rand(DataType.FLOAT, N, 32).subi(0.5).muli(10));
    Map<NodeSpec, INDArray> more = Map.of(
        NodeSpec.head(1, 2, 4), Nd4j.rand(DataType.FLOAT, N, 32).subi(0.5).muli(10),
        NodeSpec.head(2, 0, 5), Nd4j.rand(DataType.FLOAT, N, 32).subi(0.5).muli(10));
    ForwardRun fresh = ForwardRun.of(m, toks, T - 1, first.withAll(more));
    ForwardRun resumed = ForwardRun.of(m, toks, T - 1, first).withFrozen(more);
    assertClose(fresh.finalResid(), resumed.finalResid(), "final residual");
    for (int l = 0; l < LAYERS; l++) {
      for (int h = 0; h < HEADS; h++) {
        assertClose(fresh.attention(l, h), resumed.attention(l, h), "attention " + l + "." + h);
        assertClose(fresh.headOutput(l, h), resumed.headOutput(l, h), "output " + l + "." + h);
      }
    }
    ForwardRun cut = ForwardRun.of(m, toks, T - 1, first, 2);
    assertEquals(2, cut.layers());
    assertClose(fresh.attention(1, 2), cut.withFrozen(more).attention(1, 2), "a cut run");
    CircuitException e = assertThrows(CircuitException.class, () -> cut.attention(2, 0));
    assertTrue(e.getMessage().contains("layer 2"), e.getMessage());
  }

  @Test
  void selectingPromptsEqualsRunningThem() {
    Gpt2Weights w = weights(15, 50);
    RowModel m = RowModel.of(w, Gpt2BuildOptions.Activation.GELU_NEW);
    INDArray toks = tokens(16, N, T, 50);
    int[] picked = {2, 0, 2, 3};
    HeadOverrides frozen = HeadOverrides.none().with(NodeSpec.head(1, 1, 3),
        Nd4j.rand(DataType.FLOAT, N, 32));
    ForwardRun all = ForwardRun.of(m, toks, T - 1, frozen);
    INDArray pickedToks = Nd4j.pullRows(toks, 1, picked);
    HeadOverrides pickedFrozen = HeadOverrides.none().with(NodeSpec.head(1, 1, 3),
        Nd4j.pullRows(frozen.values().values().iterator().next(), 1, picked));
    ForwardRun want = ForwardRun.of(m, pickedToks, T - 1, pickedFrozen);
    ForwardRun got = all.select(picked);
    assertClose(want.finalResid(), got.finalResid(), "final residual");
    assertClose(want.attention(2, 1), got.attention(2, 1), "attention");
    assertClose(want.headOutput(1, 1), got.headOutput(1, 1), "a frozen head");
    assertThrows(CircuitException.class, () -> all.select(new int[] {N}));
  }

  @Test
  void badTokensAreTypedErrors() {
    RowModel m = RowModel.of(weights(1, 50), Gpt2BuildOptions.Activation.GELU_NEW);
    INDArray toks = tokens(1, 2, T, 50);
    toks.putScalar(1, 3, 50);
    CircuitException e = assertThrows(CircuitException.class,
        () -> ForwardRun.of(m, toks, T - 1, HeadOverrides.none()));
    assertTrue(e.getMessage().contains("prompt 1, position 3"), e.getMessage());
    assertThrows(CircuitException.class,
        () -> ForwardRun.of(m, tokens(1, 2, T, 50), T, HeadOverrides.none()));
  }
}
