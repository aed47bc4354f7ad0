package dev.circuits.core.rewrite;

import static dev.circuits.core.rewrite.Equivalence.assertEquivalent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.circuits.core.Add;
import dev.circuits.core.Array;
import dev.circuits.core.Circuit;
import dev.circuits.core.Concat;
import dev.circuits.core.Einsum;
import dev.circuits.core.GeneralFunction;
import dev.circuits.core.Index;
import dev.circuits.core.Kind;
import dev.circuits.core.Rearrange;
import dev.circuits.core.Scalar;
import dev.circuits.core.Shape;
import dev.circuits.core.spec.SimpleFunction;
import dev.circuits.core.spec.TensorIndex;
import dev.circuits.core.text.Parser;
import dev.circuits.core.text.ParserOptions;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** The rule catalogue, the subset API and one worked example per rule. */
class SimpRulesTest {
  private static final Parser PARSER = new Parser(ParserOptions.defaults()
      .withTensorsAsRandom(true, 0));

  private static Circuit apply(String rule, Circuit c) {
    Circuit out = SimpRules.rule(rule).apply(c);
    assertEquivalent(c, out, rule);
    return out;
  }

  private static Circuit arr(String name, long... shape) {
    return Array.randn(Shape.of(shape), name.hashCode(), DataType.DOUBLE, name);
  }

  @Test
  void defaultsAreRustDefaults() {
    assertEquals(Set.of("remove_add_few_input", "add_elim_zeros", "add_deduplicate",
        "add_elim_removable_axes_weak", "einsum_elim_zero", "einsum_elim_identity",
        "einsum_of_permute_merge", "einsum_remove_one", "einsum_elim_removable_axes_weak",
        "einsum_permute_to_rearrange", "index_elim_identity", "index_merge_scalar",
        "rearrange_elim_identity", "rearrange_fuse", "rearrange_merge_scalar",
        "permute_of_einsum_merge", "concat_elim_identity", "concat_merge_uniform",
        "concat_drop_size_zero", "concat_fuse", "concat_repeat_to_rearrange",
        "elim_empty_module", "elim_no_input_module"), SimpRules.defaults().names());
    assertEquals(SimpRules.catalog().size(), SimpRules.all().names().size());
    assertTrue(SimpRules.none().names().isEmpty());
  }

  @Test
  void includeAndExcludeByName() {
    SimpRules s = SimpRules.defaults().include("add_flatten").exclude("rearrange_fuse");
    assertTrue(s.isEnabled("add_flatten"));
    assertTrue(!s.isEnabled("rearrange_fuse"));
    UnknownRuleException e = assertThrows(UnknownRuleException.class,
        () -> SimpRules.none().include("add_flaten"));
    assertTrue(e.getMessage().contains("add_flaten"));
    assertEquals(SimpRules.none().include("add_flatten"),
        SimpRules.all().exclude(SimpRules.all().exclude("add_flatten").names()));
  }

  @Test
  void stepAppliesOnlyEnabledRules() {
    Add nested = Add.of(List.of(Add.of(arr("a", 2), arr("b", 2)), arr("c", 2)), "top");
    assertTrue(SimpRules.defaults().step(nested).isEmpty());
    assertEquals(3, SimpRules.none().include("add_flatten").step(nested).orElseThrow()
        .numChildren());
  }

  @Test
  void notApplicableSaysWhy() {
    RewriteNotApplicableException e = assertThrows(RewriteNotApplicableException.class,
        () -> SimpRules.rule("add_flatten").apply(Add.of(List.of(arr("a", 2)), "x")));
    assertEquals("add_flatten: no child of 'x' Add [2] is an Add", e.getMessage());
    e = assertThrows(RewriteNotApplicableException.class,
        () -> SimpRules.rule("add_flatten").apply(arr("a", 2)));
    assertEquals("add_flatten: 'a' Array [2] is not an Add", e.getMessage());
  }

  @Test
  void addRules() {
    Circuit a = arr("a", 2);
    Circuit b = arr("b", 2);
    assertEquals(Scalar.of(0, Shape.scalar(), "nil"), apply("remove_add_few_input",
        Add.of(List.of(), "nil")));
    assertEquals(a, apply("remove_add_few_input", Add.of(List.of(a), "one")));
    Circuit flat = apply("add_flatten", Add.of(List.of(Add.of(a, b), b), "top"));
    assertEquals(List.of(a, b, b), flat.children());
    assertEquals("top", flat.name());
    assertEquals(List.of(a), apply("add_elim_zeros", Add.of(List.of(a, Scalar.of(0, Shape.of(2),
        null)), "z")).children());
    assertThrows(RewriteNotApplicableException.class, () -> SimpRules.rule("add_elim_zeros")
        .apply(Add.of(List.of(a, Scalar.of(0, Shape.of(3, 2), null)), "z")));
    Circuit collapsed = apply("add_collapse_scalar_inputs", Add.of(a, Scalar.of(1.5),
        Scalar.of(2.0)));
    assertEquals(Scalar.of(3.5, Shape.of(2), null), collapsed.child(1));
    Circuit dedup = apply("add_deduplicate", Add.of(a, b, a));
    assertEquals("a_mul_count", dedup.child(0).name());
    assertEquals(Scalar.of(2, Shape.scalar(), "count_from_dedup"), dedup.child(0).child(1));
  }

  @Test
  void addFuseScalarMultiplesRustCase() {
    Circuit c = PARSER.parseCircuit("""
        0 'adder' Add
          1 'e' Einsum a,->a
            2 's' [2] Scalar 1.23
            3 'f2' [] Scalar 2.0
          4 'e' Einsum a,->a
            5 's' [2] Scalar 1.23
            6 'f4' [] Scalar 4.0
          7 'fother1' [] Scalar 5.0
          8 'fother2' [] Scalar 7.0
          9 'e2' Einsum a,->a
            10 's234' [2] Scalar 2.34
            11 'f1' [] Scalar 1.0""");
    Circuit out = apply("add_fuse_scalar_multiples", c);
    assertEquals(3, out.numChildren());
    assertEquals(Scalar.of(6.0, Shape.scalar(), "f2"), out.child(0).child(1));
    assertEquals(Scalar.of(12.0, Shape.scalar(), "fother1"), out.child(1));
    assertEquals(1, out.child(2).numChildren(), "e2 lost its factor 1");
  }

  @Test
  void addElimRemovableAxesWeakRustCases() {
    Circuit none = PARSER.parseCircuit("""
        'ejfudybd' Add
          0 '' [4,4,4] Scalar -3.572176010699677
          1 '' [4] Array rand""");
    assertTrue(SimpRules.rule("add_elim_removable_axes_weak").applyOp(none).isEmpty());
    Circuit full = PARSER.parseCircuit("""
        'ejfudybd' Add
          0 '' [4,4,4] Scalar -3.572176010699677
          1 '' [4, 4, 4] Array rand""");
    Circuit out = apply("add_elim_removable_axes_weak", full);
    assertEquals(Shape.scalar(), out.child(0).shape());
    Circuit repeat = PARSER.parseCircuit("""
        'ejfudybd' Add
          0 '' [4,4,4] Scalar -3.572176010699677
          2 '' [4, 4, 4] Rearrange a -> 4 a 4
            1 '' [4] Array rand""");
    out = apply("add_elim_removable_axes_weak", repeat);
    assertEquals(Shape.scalar(), out.child(0).shape());
    assertEquals(repeat.child(1), out.child(1), "the Rearrange keeps its axes");
  }

  @Test
  void einsumRules() {
    Circuit a = arr("a", 2, 3);
    Circuit b = arr("b", 3);
    assertEquals(Scalar.of(0, Shape.of(2, 3), "z"), apply("einsum_elim_zero",
        Einsum.fromString("ab,->ab", List.of(a, Scalar.of(0)), "z")));
    assertEquals(a, apply("einsum_elim_identity", Einsum.fromString("ab->ab", List.of(a), null)));
    Circuit nested = Einsum.fromString("ab,b->a", List.of(Einsum.fromString("ab,b->ab", List.of(a,
        b), null), b), "outer");
    Circuit flat = apply("einsum_flatten", nested);
    assertEquals("ab,b,b->a", ((Einsum) flat).specString());
    Circuit diag = Einsum.fromString("ab,ab->b", List.of(Einsum.fromString("a->aa",
        List.of(arr("v", 3)), null), arr("m", 3, 3)), "d");
    assertEquals("a,aa->a", ((Einsum) apply("einsum_flatten", diag)).specString());
    Circuit permuted = Einsum.fromString("ab,b->a", List.of(Rearrange.fromString(arr("t", 3, 2),
        "a b -> b a", null), b), null);
    assertEquals("ba,b->a", ((Einsum) apply("einsum_of_permute_merge", permuted)).specString());
    Circuit scalars = Einsum.fromString("ab,,->ab", List.of(a, Scalar.of(2), Scalar.of(3)), null);
    Circuit merged = apply("einsum_merge_scalars", scalars);
    assertEquals(Scalar.of(6), merged.child(1));
    assertEquals(List.of(a), apply("einsum_remove_one", Einsum.fromString("ab,->ab", List.of(a,
        Scalar.of(1)), null)).children());
    Circuit weak = apply("einsum_elim_removable_axes_weak",
        Einsum.fromString("ab,ab->ab", List.of(a, Scalar.of(2, Shape.of(2, 3), "two")), null));
    assertEquals(Shape.scalar(), weak.child(1).shape());
    Circuit transpose = apply("einsum_permute_to_rearrange",
        Einsum.fromString("ab->ba", List.of(a), "tr"));
    assertEquals("a b -> b a", ((Rearrange) transpose).spec().toString());
    assertEquals("tr", transpose.name());
  }

  @Test
  void rearrangeRules() {
    Circuit x = arr("x", 2, 3);
    assertEquals(x, apply("rearrange_elim_identity", Rearrange.fromString(x, "a b -> a b", null)));
    Circuit fused = apply("rearrange_fuse", Rearrange.fromString(Rearrange.fromString(x,
        "a b -> (a b)", null), "(a:2 b) -> b a", "out"));
    assertEquals("a:2 b:3 -> b:3 a:2", ((Rearrange) fused).spec().toString());
    assertEquals("out", fused.name());
    assertEquals(Scalar.of(1.5, Shape.of(2, 4), "r"), apply("rearrange_merge_scalar",
        Rearrange.fromString(Scalar.of(1.5, Shape.of(2), null), "a -> a 4", "r")));
    Circuit e = apply("permute_of_einsum_merge", Rearrange.fromString(Einsum.fromString("ab,b->ab",
        List.of(x, arr("y", 3)), null), "a b -> b a", "p"));
    assertEquals("ab,b->ba", ((Einsum) e).specString());
    assertEquals("p", e.name());
  }

  @Test
  void indexRules() {
    Circuit x = arr("x", 4, 3);
    assertEquals(x, apply("index_elim_identity", Index.of(x, TensorIndex.of(
        TensorIndex.slice(0L, 4L), TensorIndex.Slice.ALL), null)));
    Index inner = Index.of(x, TensorIndex.of(TensorIndex.slice(1L, null)), null);
    Index outer = Index.of(inner, TensorIndex.of(TensorIndex.at(-1), TensorIndex.slice(null,
        -1L)), null);
    assertEquals("x idx idx", outer.name());
    Circuit fused = apply("index_fuse", outer);
    assertEquals("x idx", fused.name());
    assertEquals(x, fused.child(0));
    Index gathered = Index.of(x, TensorIndex.of(new TensorIndex.Tensor(
        org.nd4j.linalg.factory.Nd4j.createFromArray(3L, -4L))), null);
    Circuit empty = apply("index_fuse", Index.of(gathered, TensorIndex.of(TensorIndex.slice(1L,
        1L)), null));
    assertEquals(Shape.of(0, 3), empty.shape());
    assertEquals("[t", ((Index) apply("index_fuse", Index.of(gathered, TensorIndex.of(
        TensorIndex.slice(1L, null)), null))).index().toString().substring(0, 2));
    assertEquals(Scalar.of(2, Shape.of(3), "i"), apply("index_merge_scalar", Index.of(
        Scalar.of(2, Shape.of(4, 3), null), TensorIndex.of(TensorIndex.at(1)), "i")));
  }

  @Test
  void generalFunctionRules() {
    Circuit p = GeneralFunction.of(SimpleFunction.SIGMOID, arr("x", 3), null);
    assertEquals(p, apply("generalfunction_merge_inverses", GeneralFunction.of(
        SimpleFunction.RECIPROCAL, GeneralFunction.of(SimpleFunction.RECIPROCAL, p, null), null)));
    assertEquals(Scalar.of(0.1, Shape.of(10, 10), null), apply(
        "generalfunction_special_case_simplification", GeneralFunction.of(SimpleFunction.SOFTMAX,
            Scalar.of(2.2, Shape.of(10, 10), null), null).rename(null)));
    assertEquals(Scalar.of(Math.log(0.1), Shape.of(10, 10), "ls"), apply(
        "generalfunction_special_case_simplification", GeneralFunction.of(
            SimpleFunction.LOG_SOFTMAX, Scalar.of(2.2, Shape.of(10, 10), null), "ls")));
    assertEquals(Scalar.of(2, Shape.of(3, 10), "n"), apply(
        "generalfunction_special_case_simplification", GeneralFunction.of(
            SimpleFunction.LAST_DIM_SIZE, Scalar.of(4.2, Shape.of(3, 10, 2), null), "n")));
    Circuit sig = apply("generalfunction_evaluate_simple", GeneralFunction.of(
        SimpleFunction.SIGMOID, Scalar.of(2.2), "s"));
    assertEquals(1 / (1 + Math.exp(-2.2)), ((Scalar) sig).value(), 1e-12);
  }

  @Test
  void concatRules() {
    Circuit a = arr("a", 10, 10);
    assertEquals(a, apply("concat_elim_identity", Concat.of(List.of(a), 0, null)));
    assertEquals(Scalar.of(1, Shape.of(4, 2), "u"), apply("concat_merge_uniform", Concat.of(
        List.of(Scalar.of(1, Shape.of(1, 2), null), Scalar.of(1, Shape.of(3, 2), null)), 0, "u")));
    Circuit empty = arr("e", 0, 10);
    assertEquals(List.of(a), apply("concat_drop_size_zero", Concat.of(List.of(a, empty), 0,
        null)).children());
    Circuit b = arr("b", 2, 10);
    assertEquals(List.of(a, b, a), apply("concat_fuse", Concat.of(List.of(Concat.of(List.of(a, b),
        0, null), a), 0, null)).children());
    Circuit rep = apply("concat_repeat_to_rearrange", Concat.of(List.of(a, a), 0, null));
    assertInstanceOf(Rearrange.class, rep.child(0));
    assertEquals(Shape.of(20, 10), rep.shape());
  }

  @Test
  void deepSimpFixedPointCombinesRules() {
    Circuit x = arr("x", 2, 3);
    Circuit c = Add.of(List.of(Einsum.fromString("ab,->ab", List.of(Rearrange.fromString(
        Rearrange.fromString(x, "a b -> b a", null), "b a -> a b", null), Scalar.of(1)), null),
            Scalar.of(0, Shape.of(2, 3), null)), "top");
    assertEquals(x, SimpRules.defaults().simp(c));
  }

  @Test
  void longChainsConvergeAndCyclesAreStoppedWithAMessage() {
    Circuit c = arr("x", 2);
    for (int i = 0; i < 60; i++) {
      c = Rearrange.fromString(c, "a -> a", null);
    }
    assertEquals(arr("x", 2), SimpRules.defaults().simp(c));
    SimpRule toQ = SimpRule.of("rename_to_q", Kind.ARRAY, Array.class, false,
        a -> RuleResult.applied(a.rename("q")));
    SimpRule toP = SimpRule.of("rename_to_p", Kind.ARRAY, Array.class, false,
        a -> RuleResult.applied(a.rename("p")));
    DeepSimp cycle = new DeepSimp(k -> k == Kind.ARRAY ? List.of(toQ, toP) : List.of());
    RewriteLoopException e = assertThrows(RewriteLoopException.class,
        () -> cycle.simplify(arr("p", 2)));
    assertTrue(e.getMessage().contains("rename_to_q") && e.getMessage().contains("'p' Array"),
        e.getMessage());
  }
}
