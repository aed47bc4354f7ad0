package dev.circuits.ioi.patching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.circuits.core.Array;
import dev.circuits.core.Circuit;
import dev.circuits.core.match.Extender;
import dev.circuits.core.match.IterativeMatcher;
import dev.circuits.core.match.Matcher;
import dev.circuits.core.sample.Sampler;
import dev.circuits.gpt2.model.Channel;
import dev.circuits.gpt2.model.DirectPaths;
import dev.circuits.gpt2.model.NodeSpec;
import dev.circuits.scrubbing.patching.IterativePathPatching;
import dev.circuits.scrubbing.patching.PathPatching;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The generic path-patching engine against the closed forms of spec remix-ioi.md §5.2. */
class PathPatchingOracleTest {
  private static final double TOL = 1e-4;
  private static final int END = SmallModel.END;
  private static SmallModel m;
  private static ClosedForms oracle;
  private static double[] base;

  @BeforeAll
  static void setUp() {
    m = SmallModel.create(7);
    oracle = new ClosedForms(m);
    base = m.baselineLd();
  }

  private static void assertClose(double[] want, double[] got, String what) {
    assertEquals(want.length, got.length, what);
    for (int i = 0; i < want.length; i++) {
      assertEquals(want[i], got[i], TOL, what + " [example " + i + "]");
    }
  }

  private static double maxDelta(double[] v) {
    double out = 0;
    for (int i = 0; i < v.length; i++) {
      out = Math.max(out, Math.abs(v[i] - base[i]));
    }
    return out;
  }

  private static double[] row(INDArray sweep, int i) {
    return sweep.get(org.nd4j.linalg.indexing.NDArrayIndex.point(i))
        .castTo(DataType.DOUBLE).toDoubleVector();
  }

  @Test
  void oracleReproducesTheCleanRun() {
    assertClose(oracle.ld(ClosedForms.row(m.clean("final.input"), END)), base, "baseline ld");
    double[][][] resid = ClosedForms.arr3(m.clean("a2.input"));
    double[][] head = ClosedForms.row(m.clean("a2.h1"), END);
    for (int n = 0; n < SmallModel.N; n++) {
      double[] out = oracle.headRow(2, 1, resid[n], resid[n], resid[n], END);
      for (int d = 0; d < SmallModel.D; d++) {
        assertEquals(head[n][d], out[d], 1e-5);
      }
    }
  }

  @Test
  void directEffectOfEverySenderEqualsClosedForm() {
    List<NodeSpec> senders = new ArrayList<>(NodeSpec.sweep(3, 4, END));
    senders.addAll(NodeSpec.sweep(3, 4, 2));
    List<Extender> extenders = senders.stream()
        .map(s -> DirectPaths.extenderFactory(s, Channel.ALL)).toList();
    IterativePathPatching.SweepResult r = IterativePathPatching.run(m.ld,
        n -> IterativeMatcher.corrRootMatcher(), List.of("root"), m.baseline, m.patch, m.group,
        extenders, PathPatching.DEFAULT_INPUT, m.evaluator);
    assertEquals(List.of(senders.size(), SmallModel.N),
        List.of((int) r.values().size(0), (int) r.values().size(1)));
    assertTrue(r.notFound().isEmpty(), "every sender is reachable from the root");
    double biggest = 0;
    for (int i = 0; i < senders.size(); i++) {
      double[] got = row(r.values(), i);
      assertClose(oracle.directEffect(senders.get(i)), got, senders.get(i).toName());
      if (senders.get(i).position() != END) {
        assertClose(base, got, "off-END sender " + senders.get(i) + " has no direct effect");
      }
      biggest = Math.max(biggest, maxDelta(got));
    }
    assertTrue(biggest > 0.05, "patches move the metric clearly: " + biggest);
  }

  @Test
  void singlePathPatchingAgreesWithTheSweep() {
    NodeSpec s = NodeSpec.head(1, 2, END);
    Circuit patched = PathPatching.pathPatching(m.ld, m.baseline, m.patch,
        DirectPaths.extenderFactory(s, Channel.ALL).extend(IterativeMatcher.corrRootMatcher()),
        m.group);
    assertClose(oracle.directEffect(s), m.run(patched), s.toName());
  }

  @Test
  void receiverChannelsEqualClosedForm() {
    List<NodeSpec> receivers = List.of(NodeSpec.head(2, 1, END), NodeSpec.head(2, 3, END));
    List<String> names = receivers.stream().map(NodeSpec::toName).toList();
    Function<String, IterativeMatcher> hypothesis = n -> DirectPaths.addPathToGroup(
        IterativeMatcher.corrRootMatcher(), names, true, Channel.ALL);
    double biggest = 0;
    for (Channel c : Channel.values()) {
      for (int pos : new int[] {END, 2}) {
        List<NodeSpec> senders = NodeSpec.sweep(3, 4, pos);
        IterativePathPatching.SweepResult r = IterativePathPatching.run(m.ld, hypothesis,
            List.of("receivers"), m.baseline, m.patch, m.group,
            DirectPaths.senderSweep(3, 4, pos, c), PathPatching.DEFAULT_INPUT, m.evaluator);
        assertEquals(List.of(10, 11, 12, 13, 14), r.notFound(), "layer-2 senders: " + c);
        for (int i = 0; i < senders.size(); i++) {
          double[] got = row(r.values(), i);
          String what = senders.get(i) + " via " + c;
          assertClose(oracle.receiverChannel(receivers, senders.get(i), c), got, what);
          if (c == Channel.Q && pos != END) {
            assertClose(base, got, "a query only reads its own row: " + what);
          }
          biggest = Math.max(biggest, maxDelta(got));
        }
      }
    }
    assertTrue(biggest > 0.01, "channel patches move the metric: " + biggest);
  }

  @Test
  void movingPiecesEqualClosedForm() {
    List<NodeSpec> group = List.of(NodeSpec.head(1, 0, END), NodeSpec.head(2, 2, END),
        NodeSpec.mlp(1, END), NodeSpec.head(0, 3, 2));
    List<String> names = group.stream().map(NodeSpec::toName).toList();
    IterativeMatcher matcher = DirectPaths.extendMatcher(names, true, true, Channel.ALL)
        .extend(IterativeMatcher.corrRootMatcher());
    double[] got = m.run(PathPatching.pathPatching(m.ld, m.baseline, m.patch, matcher, m.group));
    assertClose(oracle.movingPieces(group), got, "moving pieces");
    assertTrue(maxDelta(got) > 0.01);
  }

  @Test
  void unrestrictedGroupPatchingIsActivationPatching() {
    List<String> names = List.of("a1_h0_t5", "a0_h2_t5", "m0_t5");
    Circuit cleanRun = Sampler.runAll(m.group).sample(PathPatching.replaceInputs(m.ld, m.baseline,
        PathPatching.DEFAULT_INPUT, IterativeMatcher.corrRootMatcher(), m.group));
    Circuit activationPatched = cleanRun;
    for (String name : names) {
      INDArray z = m.patched(name).castTo(DataType.FLOAT);
      activationPatched = Matcher.named(name).update(activationPatched, x -> Array.of(z, name));
    }
    double[] want = m.evaluator.evaluate(activationPatched).castTo(DataType.DOUBLE)
        .toDoubleVector();
    assertTrue(maxDelta(want) > 0.01);
    for (boolean termIfMatches : new boolean[] {true, false}) {
      IterativeMatcher matcher = DirectPaths.extendMatcher(names, termIfMatches, false,
          Channel.Q).extend(IterativeMatcher.corrRootMatcher());
      double[] got = m.run(PathPatching.pathPatching(m.ld, m.baseline, m.patch, matcher,
          m.group));
      assertClose(want, got, "restrict=false, termIfMatches=" + termIfMatches);
    }
    IterativeMatcher direct = DirectPaths.extendMatcher(names, true, true, Channel.ALL)
        .extend(IterativeMatcher.corrRootMatcher());
    double[] directOnly = m.run(PathPatching.pathPatching(m.ld, m.baseline, m.patch, direct,
        m.group));
    double diff = 0;
    for (int i = 0; i < want.length; i++) {
      diff = Math.max(diff, Math.abs(want[i] - directOnly[i]));
    }
    assertTrue(diff > 1e-3, "direct-only patching differs from activation patching: " + diff);
  }

  @Test
  void wholeLayerComponentsEqualClosedForm() {
    for (String name : List.of("a1.p_bias", "m1.p_bias", "a0.p_bias")) {
      IterativeMatcher matcher = IterativeMatcher.corrRootMatcher().chain(
          IterativeMatcher.restrict(Matcher.named(name), true, null, null,
              DirectPaths.POSITION_NODES));
      double[] got = m.run(PathPatching.pathPatching(m.ld, m.baseline, m.patch, matcher,
          m.group));
      assertClose(oracle.wholeComponent(name), got, name);
    }
  }

  @Test
  void sweepEqualsPathPatchingEachExtenderAlone() {
    List<NodeSpec> receivers = List.of(NodeSpec.head(2, 0, END));
    Map<String, IterativeMatcher> hypothesis = Map.of("r", DirectPaths.addPathToGroup(
        IterativeMatcher.corrRootMatcher(), List.of("a2_h0_t5"), true, Channel.ALL));
    List<Extender> extenders = DirectPaths.senderSweep(3, 4, 3, Channel.K);
    INDArray sweep = PathPatching.iterativePathPatching(m.ld, hypothesis::get, List.of("r"),
        m.baseline, m.patch, m.group, extenders, PathPatching.DEFAULT_INPUT, m.evaluator);
    List<NodeSpec> senders = NodeSpec.sweep(3, 4, 3);
    for (int i = 0; i < extenders.size(); i++) {
      IterativeMatcher matcher = extenders.get(i).extend(hypothesis.get("r"));
      double[] alone = m.run(PathPatching.pathPatching(m.ld, m.baseline, m.patch, matcher,
          m.group));
      assertClose(alone, row(sweep, i), "extender " + i);
      assertClose(oracle.receiverChannel(receivers, senders.get(i), Channel.K), alone,
          senders.get(i) + " via k");
    }
  }
}
