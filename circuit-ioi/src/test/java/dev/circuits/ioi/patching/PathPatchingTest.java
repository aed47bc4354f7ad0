package dev.circuits.ioi.patching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.circuits.core.Circuit;
import dev.circuits.core.DiscreteVar;
import dev.circuits.core.match.IterativeMatcher;
import dev.circuits.core.match.Matcher;
import dev.circuits.gpt2.model.Channel;
import dev.circuits.gpt2.model.DirectPaths;
import dev.circuits.gpt2.model.NodeSpec;
import dev.circuits.scrubbing.patching.IterativePathPatching;
import dev.circuits.scrubbing.patching.PatchingException;
import dev.circuits.scrubbing.patching.PathPatching;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** What path patching builds (which inputs get which data), matcher helpers and errors. */
class PathPatchingTest {
  private static SmallModel m;

  @BeforeAll
  static void setUp() {
    m = SmallModel.create(3);
  }

  private static IterativeMatcher reach(String target, String avoiding) {
    return IterativeMatcher.restrict(Matcher.named(target), false, null, null,
        avoiding == null ? null : Matcher.named(avoiding));
  }

  @Test
  void remixSelfTestPatchesOnlyUnderTheMatchedPath() {
    IterativeMatcher matcher = Matcher.named("final.input").chain(
        IterativeMatcher.restrict(Matcher.named("a1.p_bias"), false, null, 2, null));
    Circuit patched = PathPatching.pathPatching(m.model.logits(), m.baseline, m.patch, matcher,
        m.group);
    Circuit patchedArray = Matcher.named("tokens_patched").getUnique(patched);
    Circuit baselineArray = Matcher.named("tokens_baseline").getUnique(patched);
    assertEquals(m.patch.toString(), ((dev.circuits.core.Array) patchedArray).value().toString());
    assertEquals(m.baseline.toString(),
        ((dev.circuits.core.Array) baselineArray).value().toString());
    assertFalse(reach("tokens_patched", "a1.p_bias").anyFound(patched),
        "patch data is reachable only through a1.p_bias");
    assertTrue(matcher.chain(Matcher.named("tokens_patched")).anyFound(patched));
    assertFalse(Matcher.named("a2.input").chain(Matcher.named("tokens_patched"))
        .anyFound(patched), "a1's other uses (via layer 2) stay on the baseline");
    assertTrue(Matcher.named("a2.input").chain(Matcher.named("tokens_baseline"))
        .anyFound(patched));
  }

  @Test
  void aMatcherFindingNothingGivesTheBaselineCircuit() {
    Circuit patched = PathPatching.pathPatching(m.ld, m.baseline, m.patch,
        Matcher.named("no such node"), m.group);
    assertEquals(PathPatching.replaceInputs(m.ld, m.baseline, "tokens",
        IterativeMatcher.corrRootMatcher(), m.group, "_baseline"), patched);
    assertTrue(Matcher.named("tokens_patched").get(patched).isEmpty());
    IterativePathPatching.SweepResult r = IterativePathPatching.run(m.ld,
        n -> IterativeMatcher.corrRootMatcher(), List.of("root"), m.baseline, m.patch, m.group,
        List.of(x -> Matcher.named("no such node"),
            DirectPaths.extenderFactory(NodeSpec.head(2, 0, SmallModel.END), Channel.ALL)),
        "tokens", m.evaluator);
    assertEquals(List.of(0), r.notFound());
    double[] base = m.baselineLd();
    for (int i = 0; i < base.length; i++) {
      assertEquals(base[i], r.values().getDouble(0, i), 1e-6);
    }
  }

  @Test
  void replaceInputsWrapsTheDataInADiscreteVarOfTheGroup() {
    Circuit c = PathPatching.replaceInputs(m.model.logits(), m.baseline, "tokens",
        IterativeMatcher.corrRootMatcher(), m.group);
    DiscreteVar v = (DiscreteVar) Matcher.ofKind(dev.circuits.core.Kind.DISCRETE_VAR)
        .getUnique(c);
    assertEquals("tokens", v.name());
    assertEquals("tokens_array", v.values().name());
    assertEquals(m.group, v.probsAndGroup());
    assertTrue(Matcher.named("tokens").and(Matcher.ofKind(dev.circuits.core.Kind.ARRAY))
        .get(c).isEmpty(), "no placeholder left");
  }

  @Test
  void badInputsAreReportedByName() {
    PatchingException missing = assertThrows(PatchingException.class, () -> PathPatching
        .replaceInputs(m.ld, m.baseline, "toks", IterativeMatcher.corrRootMatcher(), m.group));
    assertTrue(missing.getMessage().contains("'toks'"), missing.getMessage());
    PatchingException shape = assertThrows(PatchingException.class, () -> PathPatching
        .pathPatching(m.ld, Nd4j.zeros(5, 4), m.patch, IterativeMatcher.term(), m.group));
    assertTrue(shape.getMessage().contains("[5, 4]") && shape.getMessage().contains("[6]"),
        shape.getMessage());
    assertThrows(PatchingException.class, () -> PathPatching.pathPatching(m.ld,
        Nd4j.zeros(3, 6), m.patch, IterativeMatcher.term(), m.group));
    PatchingException hyp = assertThrows(PatchingException.class, () -> IterativePathPatching
        .run(m.ld, Map.<String, IterativeMatcher>of()::get, List.of("NM"), m.baseline, m.patch,
            m.group, List.of(x -> x), "tokens", m.evaluator));
    assertTrue(hyp.getMessage().contains("'NM'"));
  }

  @Test
  void printsRemixSecondOrderPaths() {
    List<String> posNm = List.of("a2_h0_t5", "a1_h1_t5", "a1_h3_t5");
    Map<String, String> shortNames = new HashMap<>();
    posNm.forEach(n -> shortNames.put(n, "POS_NM"));
    IterativeMatcher first = DirectPaths.addPathToGroup(IterativeMatcher.corrRootMatcher(), posNm,
        true, Channel.ALL);
    IterativeMatcher second = DirectPaths.extendMatcher(posNm, true, true, Channel.Q)
        .extend(first);
    assertEquals("\n--- paths to a1_h1_t5 ---\nPath 0 : POS_NM->a.q->POS_NM->logits\n"
        + "\n--- paths to a1_h3_t5 ---\nPath 0 : POS_NM->a.q->POS_NM->logits\n",
        paths(second, true, shortNames));
    assertEquals("\n--- paths to a1_h1_t5 ---\nPath 0 : a1_h1_t5->a2_h0_t5->logits\n"
        + "\n--- paths to a1_h3_t5 ---\nPath 0 : a1_h3_t5->a2_h0_t5->logits\n",
        paths(second, false, Map.of()));
    String firstOrder = paths(first, false, shortNames);
    assertEquals(3, firstOrder.split("Path 0 : POS_NM->logits\n", -1).length - 1, firstOrder);
    assertFalse(firstOrder.contains("Path 1 "), "one distinct path per first-order target");
    java.io.ByteArrayOutputStream onSkeleton = new java.io.ByteArrayOutputStream();
    DirectPaths.printAllHeadsPaths(dev.circuits.gpt2.model.Gpt2Circuit.skeleton(SmallModel.LAYERS,
        SmallModel.HEADS, m.model.options()).logits(), second, true, shortNames,
        new java.io.PrintStream(onSkeleton, true, java.nio.charset.StandardCharsets.UTF_8));
    assertEquals(paths(second, true, shortNames),
        onSkeleton.toString(java.nio.charset.StandardCharsets.UTF_8),
        "paths depend on the structure only: a skeleton model prints the same");
  }

  private static String paths(IterativeMatcher matcher, boolean showQkv,
      Map<String, String> shortNames) {
    return m.allHeadsPaths(matcher, showQkv, shortNames);
  }

  @Test
  void directPathsStopAtOtherComponents() {
    IterativeMatcher toA0 = DirectPaths.extenderFactory(NodeSpec.head(0, 1, SmallModel.END),
        Channel.ALL).extend(IterativeMatcher.corrRootMatcher());
    assertEquals(List.of("a0_h1_t5"), toA0.get(m.ld).stream().map(Circuit::name).toList());
    IterativeMatcher anyPath = DirectPaths.extendMatcher(List.of("a0_h1_t5"), true, false,
        Channel.ALL).extend(IterativeMatcher.corrRootMatcher());
    IterativeMatcher viaHead = Matcher.named("a2_h0_t5").chain(Matcher.named("a0_h1_t5"));
    assertTrue(viaHead.anyFound(m.ld), "a0.h1 also feeds later heads");
    Circuit patched = PathPatching.pathPatching(m.ld, m.baseline, m.patch, toA0, m.group);
    assertTrue(Matcher.named("a0_h1_t5").chain(Matcher.named("tokens_patched"))
        .anyFound(patched));
    assertFalse(Matcher.named("a2_h0_t5").chain(Matcher.named("tokens_patched"))
        .anyFound(patched), "the direct path leaves later heads on the baseline");
    assertEquals(1, anyPath.get(m.ld).size());
    IterativeMatcher viaQ = DirectPaths.extenderFactory(NodeSpec.head(1, 1, 2), Channel.Q)
        .extend(Matcher.named("a2_h3_t5"));
    assertEquals(List.of("a1_h1_t2"), viaQ.get(m.ld).stream().map(Circuit::name).toList());
    IterativeMatcher mlpReceiverQ = DirectPaths.extenderFactory(NodeSpec.head(0, 0, 2),
        Channel.Q).extend(Matcher.named("m2_t5"));
    assertTrue(mlpReceiverQ.get(m.ld).isEmpty(), "an MLP has no query");
  }

  @Test
  void recognisesPositionNodeNames() {
    for (String yes : List.of("a10_h11_t15", "m3_t0", "a0_h0_t0")) {
      assertTrue(DirectPaths.POSITION_NODES.test(named(yes)), yes);
    }
    for (String no : List.of("a1.h2", "a1_h2", "a_h1_t2", "m1_t", "x1_t1", "a1_h2_t3x", "m1",
        "a1_h_t3", "mlp_t1")) {
      assertFalse(DirectPaths.POSITION_NODES.test(named(no)), no);
    }
  }

  private static Circuit named(String name) {
    return dev.circuits.core.Scalar.of(0, dev.circuits.core.Shape.scalar(), name);
  }
}
