package dev.circuits.scrubbing;

import static dev.circuits.scrubbing.Toy.ROOT;
import static dev.circuits.scrubbing.Toy.at;
import static dev.circuits.scrubbing.Toy.chain;
import static dev.circuits.scrubbing.Toy.times;
import static dev.circuits.scrubbing.Toy.xs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.circuits.core.Add;
import dev.circuits.core.Array;
import dev.circuits.core.Circuit;
import dev.circuits.core.DiscreteVar;
import dev.circuits.core.Kind;
import dev.circuits.core.Tag;
import dev.circuits.core.match.Matcher;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** rust_circuit's test_treeify and test_set_inputs, plus reproducibility of scrubbing. */
class TreeifyTest {
  private static final Dataset DS = IntData.ofShape(0, 5, 2, x -> 2 * x[0] + 3 * x[1]);

  private static int numInputTags(Circuit c) {
    return Matcher.regex("\\.*_scrub_\\.*").get(c).size();
  }

  @Test
  void treeifyTagsOncePerMappedBranch() {
    Array x = xs(0, 1);
    Circuit a = times(at(x, 0, null), 2, "A");
    InterpNode ct = new InterpNode("Ct", new ExactSampler());
    Correspondence corr = new Correspondence();
    corr.add(ct, ROOT);
    corr.add(ct.makeDescendant("A", new ExactSampler()), chain(ROOT, "A"));

    // the child subsumes the parent entirely
    Circuit c1 = times(a, 3, "C");
    Circuit t1 = new Experiment(c1, DS, corr, 42, false).treeified();
    assertEquals(1, numInputTags(t1));
    assertEquals(Set.of("xs_scrub_A"), names(t1));

    // only some children are mapped
    Circuit c2 = Add.of(List.of(a, times(at(x, 1, null), 3, "B")), "C");
    Circuit t2 = new Experiment(c2, DS, corr).treeified();
    assertEquals(2, numInputTags(t2));
    assertEquals(Set.of("xs_scrub_A", "xs_scrub_Ct"), names(t2));

    // several children are mapped
    corr.add(ct.makeDescendant("B", new ExactSampler()), chain(ROOT, "B"));
    Circuit t3 = new Experiment(c2, DS, corr).treeified();
    assertEquals(2, numInputTags(t3));
    assertEquals(Set.of("xs_scrub_A", "xs_scrub_B"), names(t3));
    for (Circuit tag : Matcher.ofKind(Kind.TAG).get(t3)) {
      assertEquals("xs", tag.name());
    }
    // an algebraic rewrite: the value is unchanged
    assertEquals(ToyRuns.EVAL.evaluate(c2), ToyRuns.EVAL.evaluate(t3));
  }

  private static Set<String> names(Circuit c) {
    return Matcher.regex("\\.*_scrub_\\.*").get(c).stream().map(Circuit::name)
        .collect(Collectors.toSet());
  }

  private static Circuit cEqualsAPlusB() {
    Array x = xs(0, 1);
    return Add.of(List.of(times(at(x, 0, null), 2, "A"), times(at(x, 1, null), 3, "B")), "C");
  }

  private static Correspondence rootAndA() {
    InterpNode ct = new InterpNode("C", new UncondSampler());
    Correspondence corr = new Correspondence();
    corr.add(ct, ROOT);
    corr.add(ct.makeDescendant("A", new UncondSampler()), chain(ROOT, "A"));
    return corr;
  }

  @Test
  void setInputsWithAndWithoutTreeify() {
    Circuit c = cEqualsAPlusB();
    Experiment ex = new Experiment(c, DS, rootAndA(), 1);
    Dataset ref = ex.makeRefDataset(1);
    SampledInputs sampled = ex.sample(ref);
    Circuit treeified = ex.treeified();
    assertEquals(2, numInputTags(treeified));
    Circuit replaced = ex.replaceInputs(ex.wrapInVar(treeified, ref, ex.newGroup(1)), sampled);
    assertEquals(2, Matcher.named("xs").get(replaced).size());

    Experiment plain = new Experiment(c, DS, rootAndA(), 1);
    Dataset ref2 = plain.makeRefDataset(1);
    SampledInputs sampled2 = plain.sample(ref2);
    Circuit replaced2 =
        plain.replaceInputs(plain.wrapInVar(c, ref2, plain.newGroup(1)), sampled2);
    assertEquals(2, Matcher.named("xs").get(replaced2).size());
    assertEquals(Set.of(sampled2.get(rootAndANode(plain, "C")).get("xs"),
        sampled2.get(rootAndANode(plain, "A")).get("xs")), Matcher.named("xs").get(replaced2));
  }

  private static InterpNode rootAndANode(Experiment ex, String name) {
    return ex.correspondence().getByName(name);
  }

  @Test
  void inputsBecomeVarsOfOneGroup() {
    ScrubbedExperiment s = new Experiment(cEqualsAPlusB(), DS, rootAndA(), 3).scrub(4);
    Set<Circuit> vars = Matcher.ofKind(Kind.DISCRETE_VAR).get(s.circuit());
    assertEquals(2, vars.size());
    for (Circuit v : vars) {
      assertEquals("xs_var", v.name());
      assertEquals(s.group(), ((DiscreteVar) v).probsAndGroup());
    }
    assertTrue(s.group() instanceof Tag);
    assertEquals(4, s.evaluate(ToyRuns.EVAL).length());
  }

  @Test
  void deepestNodeWins() {
    // output = A + B; A is fed by A's sample, B by the root's other-inputs sample
    Circuit c = cEqualsAPlusB();
    Experiment ex = new Experiment(c, DS, rootAndA(), 7);
    ScrubbedExperiment s = ex.scrub(6);
    double[] out = s.evaluate(ToyRuns.EVAL).toDoubleVector();
    Dataset aData = s.sampledInputs().get(ex.correspondence().getByName("A"));
    Dataset other = s.sampledInputs().get(ex.correspondence().getByName("C"));
    for (int i = 0; i < 6; i++) {
      double want = 2 * aData.values("xs").getDouble(i, 0) + 3 * other.values("xs").getDouble(i, 1);
      assertEquals(want, out[i], 1e-12, "row " + i);
    }
  }

  @Test
  void sameSeedSameScrubbedCircuitAndOtherSeedsDiffer() {
    Circuit c = cEqualsAPlusB();
    ScrubbedExperiment a = new Experiment(c, DS, rootAndA(), 5).scrub(8);
    ScrubbedExperiment b = new Experiment(c, DS, rootAndA(), 5).scrub(8);
    ScrubbedExperiment other = new Experiment(c, DS, rootAndA(), 6).scrub(8);
    assertEquals(a.circuit(), b.circuit());
    assertEquals(a.refDataset(), b.refDataset());
    assertNotEquals(a.circuit(), other.circuit());
    assertEquals(new Experiment(c, DS, rootAndA(), 5).treeified(),
        new Experiment(c, DS, rootAndA(), 5).treeified());
  }
}
