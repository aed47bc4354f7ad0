package dev.circuits.ioi.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.circuits.gpt2.model.Gpt2BuildOptions;
import dev.circuits.gpt2.model.Gpt2Config;
import dev.circuits.gpt2.model.Gpt2Weights;
import dev.circuits.gpt2.sweep.EdgeMetric;
import dev.circuits.gpt2.sweep.EdgePatching;
import dev.circuits.gpt2.sweep.GraphEdge;
import dev.circuits.gpt2.sweep.GraphNode;
import dev.circuits.gpt2.sweep.GraphReceiver;
import dev.circuits.gpt2.sweep.HeadGraph;
import dev.circuits.gpt2.sweep.RowModel;
import dev.circuits.gpt2.testing.SmallGpt2;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** ACDC's batched, speculative run against ACDC one edge at a time, and its options. */
class AcdcTest {
  private static final int VOCAB = 40;
  private static final int T = 6;
  private static final int N = 3;

  private static INDArray tokens(SplittableRandom r) {
    long[][] ids = new long[N][T];
    for (long[] row : ids) {
      for (int i = 0; i < T; i++) {
        row[i] = r.nextInt(VOCAB);
      }
    }
    return Nd4j.createFromArray(ids);
  }

  private static EdgePatching patching(long seed, boolean kl) {
    SplittableRandom r = new SplittableRandom(seed);
    Gpt2Weights w = SmallGpt2.weights(new Gpt2Config(3, 3, 24, VOCAB, 8, 1e-5, "gelu_new"), seed);
    RowModel rows = RowModel.of(w, Gpt2BuildOptions.Activation.GELU_NEW);
    INDArray clean = tokens(r);
    INDArray corrupt = tokens(r);
    long[][] labels = new long[N][];
    for (int i = 0; i < N; i++) {
      labels[i] = new long[] {r.nextInt(VOCAB), r.nextInt(VOCAB)};
    }
    EdgeMetric m = kl ? new EdgeMetric.Kl(EdgePatching.cleanLogProbs(rows, clean, T - 1))
        : new EdgeMetric.LogitDiff(Nd4j.createFromArray(labels));
    return EdgePatching.of(rows, clean, corrupt, T - 1, m);
  }

  /** ACDC as the paper writes it: one edge at a time, removed edges kept patched. */
  private static Set<GraphEdge> oneAtATime(EdgePatching p, AcdcOptions o) {
    HeadGraph g = p.graph();
    for (GraphReceiver r : g.receiversBackwards()) {
      if (r.node().kind() != GraphNode.Kind.LOGITS && !p.alive(r.node())) {
        p.removeAll(r);
        continue;
      }
      for (int s = g.senderCount(r.node()) - 1; s >= 0; s--) {
        double before = p.metric();
        double after = p.tryRemoving(r, List.of(), List.of(g.node(s)))[0];
        if (o.metric().removable(before, after, o.threshold())) {
          p.remove(r, List.of(g.node(s)));
        }
      }
    }
    return Set.copyOf(p.keptEdges());
  }

  @Test
  void batchedAcdcKeepsTheEdgesOfOneEdgeAtATime() {
    int nontrivial = 0;
    for (long seed = 1; seed <= 4; seed++) {
      boolean kl = seed % 2 == 0;
      AcdcOptions o = new AcdcOptions(kl ? DiscoveryMetric.KL : DiscoveryMetric.LOGIT_DIFF,
          kl ? 0.002 : 0.01);
      Set<GraphEdge> want;
      try (EdgePatching p = patching(seed, kl)) {
        want = oneAtATime(p, o);
      }
      DiscoveredCircuit got;
      try (EdgePatching p = patching(seed, kl)) {
        got = Acdc.run(p, o, Acdc.Progress.NONE);
      }
      Set<GraphEdge> kept = got.edges().stream().map(KeptEdge::edge).collect(Collectors.toSet());
      assertEquals(want, kept, "seed " + seed);
      assertEquals(got.stats().edgesKept(), kept.size());
      assertTrue(got.stats().edgesTried() + got.stats().edgesUnchanged()
          + got.stats().edgesDead() == got.stats().edgesTotal(), "every edge decided once");
      if (kept.size() > 3 && kept.size() < got.stats().edgesTotal() / 2) {
        nontrivial++;
      }
    }
    assertTrue(nontrivial >= 2, "thresholds should keep some edges and remove most");
  }

  @Test
  void badOptionsAreTypedErrors() {
    assertThrows(DiscoveryException.class, () -> new AcdcOptions(DiscoveryMetric.KL, -1));
    assertThrows(DiscoveryException.class,
        () -> new AcdcOptions(DiscoveryMetric.LOGIT_DIFF, Double.NaN));
    assertThrows(DiscoveryException.class, () -> DiscoveryMetric.parse("accuracy"));
    assertEquals(DiscoveryMetric.KL, DiscoveryMetric.parse("KL"));
    assertThrows(DiscoveryException.class, () -> RocCurve.logSpaced(0, 1, 3));
    List<Double> ts = RocCurve.logSpaced(0.01, 1, 3);
    assertEquals(1.0, ts.get(0), 1e-12);
    assertEquals(0.1, ts.get(1), 1e-12);
    assertEquals(0.01, ts.get(2), 1e-12);
    assertTrue(DiscoveryMetric.LOGIT_DIFF.removable(1.0, 0.99, 0.02));
    assertTrue(!DiscoveryMetric.LOGIT_DIFF.removable(1.0, 1.05, 0.02));
    assertTrue(DiscoveryMetric.KL.removable(0.5, 0.1, 0.02), "KL falling is fine");
  }
}
