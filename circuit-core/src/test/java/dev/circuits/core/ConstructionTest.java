package dev.circuits.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.circuits.core.spec.GenIndexSpec;
import dev.circuits.core.spec.RearrangeSpec;
import dev.circuits.core.spec.SimpleFunction;
import dev.circuits.core.spec.TensorIndex;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** Shape rules and the typed errors of node construction. */
class ConstructionTest {
  private static ConstructException.Rule ruleOf(Runnable r) {
    return assertThrows(ConstructException.class, r::run).rule();
  }

  @Test
  void einsumShapesAndErrors() {
    Scalar x = Scalar.of(1, Shape.of(2, 3), "x");
    Scalar y = Scalar.of(1, Shape.of(3, 4), "y");
    assertEquals(Shape.of(2, 4), Einsum.fromString("ab,bc->ac", List.of(x, y), null).shape());
    assertEquals(Shape.of(3, 3), Einsum.fromString("ab->bb", List.of(x), null).shape());
    assertEquals(Shape.scalar(), Einsum.fromString("->", List.of(), null).shape());
    assertEquals(ConstructException.Rule.EINSUM_AXIS_SIZE_DIFFERENT,
        ruleOf(() -> Einsum.fromString("ab,ac->bc", List.of(x, y), null)));
    assertEquals(ConstructException.Rule.EINSUM_WRONG_NUM_AXES,
        ruleOf(() -> Einsum.fromString("a,b->a", List.of(x, y), null)));
    assertEquals(ConstructException.Rule.EINSUM_OUTPUT_AXIS_NOT_IN_INPUT,
        ruleOf(() -> Einsum.fromString("ab->z", List.of(x), null)));
    ConstructException e = assertThrows(ConstructException.class,
        () -> Einsum.fromString("ab,ac->bc", List.of(x, y), "bad"));
    assertTrue(e.getMessage().contains("'bad'") && e.getMessage().contains("'y'"),
        e.getMessage());
  }

  @Test
  void addBroadcasts() {
    Scalar a = Scalar.of(1, Shape.of(2, 3, 1), null);
    Scalar b = Scalar.of(1, Shape.of(2, 1, 5), null);
    assertEquals(Shape.of(2, 3, 5), Add.of(a, b).shape());
    assertEquals(Shape.of(4, 2, 3, 1), Add.of(a, Scalar.of(1, Shape.of(4, 1, 1, 1), null))
        .shape());
    assertEquals(ConstructException.Rule.ADD_NO_BROADCAST,
        ruleOf(() -> Add.of(a, Scalar.of(1, Shape.of(4, 1), null))));
    assertEquals(Shape.scalar(), Add.of().shape());
  }

  @Test
  void rearrangeSpecs() {
    RearrangeSpec s = RearrangeSpec.parse("(adf:17 other c:4) b2 -> (b2 c) adf other");
    assertEquals("[[0, 1, 2], [3]]", java.util.Arrays.deepToString(s.input()));
    assertEquals("[[3, 2], [0], [1]]", java.util.Arrays.deepToString(s.output()));
    assertEquals("(a:17 b c:4) d -> (d c:4) a:17 b", s.toString());
    Scalar x = Scalar.of(1, Shape.of(6), null);
    assertEquals(Shape.of(4, 2, 3, 4), Rearrange.fromString(x, "(a:2 b) -> 4 a b 4", null)
        .shape());
    assertEquals("a -> 4 a 4", RearrangeSpec.parse("a -> 4 a 4").toString());
    assertEquals(ConstructException.Rule.REARRANGE_SPEC_INVALID,
        ruleOf(() -> RearrangeSpec.parse("a b -> a")));
    assertEquals(ConstructException.Rule.REARRANGE_WRONG_INPUT_SHAPE,
        ruleOf(() -> Rearrange.fromString(x, "(a:4 b) -> a b", null)));
  }

  @Test
  void indexIsDimwiseAndBoundsChecked() {
    Scalar x = Scalar.of(1, Shape.of(10, 10), null);
    TensorIndex idx = TensorIndex.of(new TensorIndex.Tensor(
        Nd4j.createFromArray(new long[] {1, 2, 3, 3, 2, 1})), TensorIndex.at(0));
    assertEquals(Shape.of(6), Index.of(x, idx, null).shape());
    assertEquals(Shape.of(2, 10), Index.of(x, TensorIndex.of(TensorIndex.slice(-2L, null)), null)
        .shape());
    assertEquals(ConstructException.Rule.INDEX_OUT_OF_BOUNDS,
        ruleOf(() -> Index.of(x, TensorIndex.of(TensorIndex.at(10)), null)));
    // rust_circuit pads a short index with ':' before hashing
    assertEquals(Index.of(x, TensorIndex.of(TensorIndex.at(1), TensorIndex.Slice.ALL), null),
        Index.of(x, TensorIndex.of(TensorIndex.at(1)), null));
    assertEquals(ConstructException.Rule.INDEX_OUT_OF_BOUNDS,
        ruleOf(() -> Index.of(x, TensorIndex.of(TensorIndex.slice(0L, 11L)), null)));
    assertEquals(ConstructException.Rule.INDEX_RANK_TOO_HIGH, ruleOf(() -> Index.of(x,
        TensorIndex.of(TensorIndex.at(0), TensorIndex.at(0), TensorIndex.at(0)), null)));
  }

  @Test
  void generalFunctionShapes() {
    Scalar x = Scalar.of(1, Shape.of(2, 5), null);
    assertEquals(Shape.of(2), GeneralFunction.of(SimpleFunction.LAST_DIM_SIZE, x, null).shape());
    assertEquals(ConstructException.Rule.GENERAL_FUNCTION_WRONG_INPUT,
        ruleOf(() -> GeneralFunction.of(SimpleFunction.SOFTMAX, Scalar.of(1), null)));
    Scalar emb = Scalar.of(1, Shape.of(50, 8), null);
    Scalar toks = Scalar.of(1, Shape.of(3, 4), null);
    assertEquals(Shape.of(3, 4, 8), GeneralFunction.genIndex(emb, toks, -2, null).shape());
    assertEquals("gen_index_at_-2", GenIndexSpec.at(-2).fnName());
    assertEquals(Shape.of(50, 3, 4), GeneralFunction.of(new GenIndexSpec(-1, false, false, false),
        List.of(emb, toks), null).shape());
  }

  @Test
  void concatAndDiscreteVar() {
    Scalar a = Scalar.of(1, Shape.of(2, 3), null);
    Scalar b = Scalar.of(1, Shape.of(4, 3), null);
    assertEquals(Shape.of(6, 3), Concat.of(List.of(a, b), 0, null).shape());
    assertEquals(ConstructException.Rule.CONCAT_SHAPE_MISMATCH,
        ruleOf(() -> Concat.of(List.of(a, b), 1, null)));
    assertEquals(ConstructException.Rule.CONCAT_EMPTY, ruleOf(() -> Concat.of(List.of(), 0, null)));
    DiscreteVar v = DiscreteVar.uniform(b, "v");
    assertEquals(Shape.of(3), v.shape());
    assertTrue(!v.isExplicitlyComputable() && !v.isConstant() && v.canBeSampled());
  }

  @Test
  void flagsAndFreeSymbols() {
    Symbol s = Symbol.newWithRandomUuid(Shape.of(3), "s");
    Add sum = Add.of(s, Scalar.of(1, Shape.of(3), "one"));
    assertTrue(!sum.isExplicitlyComputable());
    assertEquals(java.util.Set.of(s), sum.freeSymbols());
  }
}
