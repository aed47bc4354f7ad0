package dev.circuits.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.circuits.core.eval.EvaluationException;
import dev.circuits.core.eval.Evaluator;
import dev.circuits.core.internal.HashBuilder;
import dev.circuits.core.text.Parser;
import dev.circuits.core.text.Printer;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** SetSymbolicShape: construction rules, hash layout, text format, expansion and evaluation. */
class SetSymbolicShapeTest {
  private static final long S0 = SymbolicSizes.symbol(0);
  private static final long S1 = SymbolicSizes.symbol(1);
  private static final long S7 = SymbolicSizes.symbol(7);
  private static final long S11 = SymbolicSizes.symbol(11);

  private static Symbol sym(String name, long... shape) {
    return Symbol.of(Shape.of(shape), new UUID(name.hashCode(), 7), name);
  }

  private static Array arr(String name, long... shape) {
    return Array.randn(Shape.of(shape), name.hashCode(), DataType.DOUBLE, name);
  }

  @Test
  void differingDimsNeedASymbolicSide() {
    Symbol x = sym("x", S1, S0);
    assertEquals(Shape.of(S1, 768), SetSymbolicShape.of(x, Shape.of(S1, 768), null).shape());
    assertEquals(Shape.of(S7), SetSymbolicShape.of(sym("q", 4 * S11), Shape.of(S7), null)
        .shape());
    ConstructException concrete = assertThrows(ConstructException.class,
        () -> SetSymbolicShape.of(arr("a", 2, 3), Shape.of(2, 4), "s"));
    assertEquals(ConstructException.Rule.SET_SYMBOLIC_SHAPE_INVALID, concrete.rule());
    assertTrue(concrete.getMessage().contains("dim 1 cannot be set from 3 to 4")
        && concrete.getMessage().contains("'s'"), concrete.getMessage());
    assertThrows(ConstructException.class,
        () -> SetSymbolicShape.of(arr("a", 6), Shape.of(4 * S0), null), "4 does not divide 6");
    assertThrows(ConstructException.class, () -> SetSymbolicShape.of(x, Shape.of(S1), null));
  }

  @Test
  void hashIsDimsThenChildThenTypeUuid() {
    Symbol x = sym("x", S1, S0);
    SetSymbolicShape s = SetSymbolicShape.of(x, Shape.of(S1, 768), "s");
    byte[] expected = new HashBuilder().u64(S1).u64(768).bytes(x.hash())
        .uuid(UUID.fromString("25332a58-39d6-443d-b225-65c810a09aa4")).bool(true).utf8("s")
        .uuid(UUID.fromString("025e9af4-1366-4211-aa5f-7c28fc6cdf9f")).bool(true).digest();
    assertArrayEquals(expected, s.hash());
    assertNotEquals(s, SetSymbolicShape.of(x, Shape.of(768, S0), "s"));
  }

  @Test
  void autoNameAndTextRoundTrip() {
    Symbol x = sym("x", S1, S0);
    assertEquals("x set_shape", SetSymbolicShape.of(x, Shape.of(S1, 768), null).name());
    String text = "'s' [1s,768] SetSymbolicShape\n  'x' [1s,0s] Symbol "
        + x.uuid() + "\n";
    Circuit parsed = new Parser().parseCircuit(text);
    assertInstanceOf(SetSymbolicShape.class, parsed);
    assertEquals(SetSymbolicShape.of(x, Shape.of(S1, 768), "s"), parsed);
    assertEquals(text.strip(), Printer.repr(parsed));
  }

  @Test
  void someSetNeqOnlyWrapsWhenSomethingChanges() {
    Symbol x = sym("x", S1, S0);
    assertSame(x, SetSymbolicShape.someSetNeq(x, new Long[] {null, S0}, null));
    Array a = arr("a", 2, 3);
    assertSame(a, SetSymbolicShape.someSetAndSymbolicNeq(a, new Long[] {5L, 5L}, null),
        "concrete dims are never set");
    assertEquals(Shape.of(S1, 768),
        SetSymbolicShape.someSetAndSymbolicNeq(x, new Long[] {null, 768L}, null).shape());
  }

  @Test
  void expansionSetsSymbolicOperandsAndDropsTheSetOnceConcrete() {
    Symbol x = sym("x", S1, S0);
    Symbol w = sym("w", S0, 3);
    Circuit y = Einsum.fromString("td,dc->tc", List.of(x, w), "y");
    Array wv = arr("wv", 768, 3);
    Circuit half = ExpandNode.replace(y, Map.of(HashKey.of(w), wv));
    assertEquals(Shape.of(S1, 3), half.shape());
    assertEquals(Kind.SET_SYMBOLIC_SHAPE, half.child(0).kind());
    assertEquals(Shape.of(S1, 768), half.child(0).shape());
    Array xv = arr("xv", 2, 768);
    Circuit full = ExpandNode.replace(half, Map.of(HashKey.of(x), xv));
    assertTrue(full.postOrder().stream().noneMatch(n -> n.kind() == Kind.SET_SYMBOLIC_SHAPE),
        full.toString());
    INDArray expected = xv.value().mmul(wv.value());
    assertTrue(Evaluator.builder().float64().build().evaluate(full).equalsWithEps(expected, 1e-12));

    Circuit sum = ExpandNode.expand(Add.of(x, sym("b", S0)), java.util.List.of(x, arr("bv", 768)));
    assertEquals(Shape.of(S1, 768), sum.shape());
    assertEquals(Shape.of(S1, 768), sum.child(0).shape());
    assertEquals(Kind.SET_SYMBOLIC_SHAPE, sum.child(0).kind());
    Circuit cat = Concat.of(java.util.List.of(sym("c0", 2, S0), sym("c1", 1, S0)), 0, null);
    Circuit catExpanded = ExpandNode.expand(cat, java.util.List.of(cat.child(0),
        arr("c1v", 1, 5)));
    assertEquals(Shape.of(3, 5), catExpanded.shape());
    assertEquals(Kind.SET_SYMBOLIC_SHAPE, catExpanded.child(0).kind());
  }

  @Test
  void evaluationIsTheIdentityOnceConcrete() {
    Array a = arr("a", 2, 3);
    Circuit s = SetSymbolicShape.of(a, Shape.of(2, 3), null);
    assertEquals(a.value(), Evaluator.builder().float64().build().evaluate(s));
    Circuit symbolic = SetSymbolicShape.of(a, Shape.of(2, 3 * S0), "s");
    EvaluationException e = assertThrows(EvaluationException.class,
        () -> Evaluator.create().evaluate(symbolic));
    assertTrue(e.getMessage().contains("'s'") && e.getMessage().contains("symbolic"),
        e.getMessage());
  }
}
