package dev.circuits.gpt2.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.circuits.core.CircuitException;
import dev.circuits.gpt2.model.Gpt2BuildOptions;
import dev.circuits.gpt2.model.Gpt2Config;
import dev.circuits.gpt2.model.Gpt2Weights;
import dev.circuits.gpt2.testing.SmallGpt2;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Edge patching against a plain per-edge reference forward ({@link NaiveEdgeModel}). */
class EdgePatchingTest {
  private static final int VOCAB = 40;
  private static final int T = 6;
  private static final int N = 3;

  private static Gpt2Weights weights(long seed) {
    return SmallGpt2.weights(new Gpt2Config(3, 3, 24, VOCAB, 8, 1e-5, "gelu_new"), seed);
  }

  private static long[][] tokens(SplittableRandom r) {
    long[][] ids = new long[N][T];
    for (long[] row : ids) {
      for (int i = 0; i < T; i++) {
        row[i] = r.nextInt(VOCAB);
      }
    }
    return ids;
  }

  private record Key(int sender, GraphReceiver receiver) {}

  private static void assertNear(double want, double got, String what) {
    assertTrue(Math.abs(want - got) < 2e-3 * Math.max(1, Math.abs(want)),
        what + ": reference " + want + ", engine " + got);
  }

  @Test
  void removalsAndTrialsMatchTheReferenceInAnyOrder() {
    for (long seed = 1; seed <= 4; seed++) {
      SplittableRandom r = new SplittableRandom(seed);
      Gpt2Weights w = weights(seed);
      long[][] clean = tokens(r);
      long[][] corrupt = tokens(r);
      long[][] labels = new long[N][];
      for (int i = 0; i < N; i++) {
        labels[i] = new long[] {r.nextInt(VOCAB), r.nextInt(VOCAB)};
      }
      NaiveEdgeModel ref = new NaiveEdgeModel(w);
      NaiveEdgeModel.Run corruptRun = ref.run(corrupt, null, (s, x) -> false);
      Set<Key> removed = new HashSet<>();
      RowModel rows = RowModel.of(w, Gpt2BuildOptions.Activation.GELU_NEW);
      try (EdgePatching e = EdgePatching.of(rows, Nd4j.createFromArray(clean),
          Nd4j.createFromArray(corrupt), T - 1,
          new EdgeMetric.LogitDiff(Nd4j.createFromArray(labels)))) {
        HeadGraph g = e.graph();
        double cleanRef = ref.logitDiff(ref.run(clean, corruptRun, (s, x) -> false), labels, T - 1);
        assertNear(cleanRef, e.metric(), "clean, seed " + seed);
        assertNear(cleanRef, e.cleanMetric(), "clean metric, seed " + seed);
        List<GraphReceiver> receivers = new ArrayList<>(g.receiversBackwards());
        if (seed == 3) {
          java.util.Collections.reverse(receivers); // not ACDC's order: the engine is general
        }
        int step = 0;
        for (GraphReceiver rec : receivers) {
          boolean keyOrValue = rec.input() == EdgeInput.K || rec.input() == EdgeInput.V;
          if (seed == 4 && keyOrValue) { // every key and value input cut: heads read at END only
            List<GraphNode> everything = new ArrayList<>();
            for (int s = 0; s < g.senderCount(rec.node()); s++) {
              everything.add(g.node(s));
            }
            e.remove(rec, everything);
            everything.forEach(s -> removed.add(new Key(g.index(s), rec)));
            Set<Key> now = Set.copyOf(removed);
            assertNear(ref.logitDiff(ref.run(clean, corruptRun,
                (s, x) -> now.contains(new Key(s, x))), labels, T - 1), e.metric(),
                "seed 4, all inputs of " + rec + " cut");
            continue;
          }
          if (r.nextInt(seed == 4 ? 2 : 3) != 0) {
            continue;
          }
          List<GraphNode> first = new ArrayList<>();
          List<GraphNode> candidates = new ArrayList<>();
          for (int s = 0; s < g.senderCount(rec.node()); s++) {
            int pick = r.nextInt(3);
            if (pick == 0) {
              first.add(g.node(s));
            } else if (pick == 1) {
              candidates.add(g.node(s));
            }
          }
          double[] tried = e.tryRemoving(rec, first, candidates);
          Set<Key> trial = new HashSet<>(removed);
          first.forEach(s -> trial.add(new Key(g.index(s), rec)));
          for (int j = 0; j < candidates.size(); j++) {
            trial.add(new Key(g.index(candidates.get(j)), rec));
            Set<Key> now = Set.copyOf(trial);
            double want = ref.logitDiff(ref.run(clean, corruptRun,
                (s, x) -> now.contains(new Key(s, x))), labels, T - 1);
            assertNear(want, tried[j], "seed " + seed + ", trial " + j + " into " + rec);
          }
          e.remove(rec, first);
          first.forEach(s -> removed.add(new Key(g.index(s), rec)));
          Set<Key> now = Set.copyOf(removed);
          double want = ref.logitDiff(ref.run(clean, corruptRun,
              (s, x) -> now.contains(new Key(s, x))), labels, T - 1);
          assertNear(want, e.metric(), "seed " + seed + ", step " + step++ + " into " + rec);
          for (GraphNode s : first) {
            assertTrue(e.isRemoved(s, rec));
          }
        }
        assertTrue(step > 2, "too few removals tested");
      }
    }
  }

  @Test
  void deadComponentsAndBadEdgesAreReported() {
    Gpt2Weights w = weights(7);
    SplittableRandom r = new SplittableRandom(7);
    INDArray clean = Nd4j.createFromArray(tokens(r));
    INDArray corrupt = Nd4j.createFromArray(tokens(r));
    long[][] labels = {{1, 2}, {3, 4}, {5, 6}};
    try (EdgePatching e = EdgePatching.of(RowModel.of(w, Gpt2BuildOptions.Activation.GELU_NEW),
        clean, corrupt, T - 1, new EdgeMetric.LogitDiff(Nd4j.createFromArray(labels)))) {
      HeadGraph g = e.graph();
      GraphReceiver logits = new GraphReceiver(GraphNode.logits(), EdgeInput.RESID);
      GraphNode last = GraphNode.mlp(2);
      assertTrue(e.alive(last));
      e.remove(logits, List.of(last));
      assertFalse(e.alive(last), "mlp2 feeds only the logits");
      assertThrows(CircuitException.class, () -> e.remove(logits, List.of(last)));
      assertThrows(CircuitException.class, () -> e.tryRemoving(
          new GraphReceiver(GraphNode.head(0, 0), EdgeInput.Q), List.of(), List.of(GraphNode.head(1, 0))));
      assertEquals(g.edgeCount() - 1 - g.senderCount(last), e.keptEdges().size(),
          "the dead mlp2's inputs are not kept edges");
      assertTrue(e.differs(GraphNode.embed()));
    }
  }
}
