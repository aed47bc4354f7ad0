package dev.circuits.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.circuits.core.spec.RearrangeSpec;
import dev.circuits.core.spec.TensorIndex;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Shape examples of rust_circuit's {@code test_module.py::test_expand_node}. */
class ExpandNodeTest {
  private static Symbol sym(String name, long... shape) {
    return Symbol.newWithNoneUuid(Shape.of(shape), name);
  }

  private static Shape expand(Circuit node, Circuit... children) {
    return ExpandNode.expand(node, List.of(children)).shape();
  }

  private static Add add(long[] x, long[] y) {
    return Add.of(sym("0", x), sym("1", y));
  }

  private static long[] s(long... dims) {
    return dims;
  }

  @Test
  void rearrange() {
    Rearrange r = Rearrange.of(sym("0", 2, 3), RearrangeSpec.of(new int[][] {{0}, {1}},
        new int[][] {{1}, {0}}, new long[] {RearrangeSpec.NONE, RearrangeSpec.NONE}), null);
    assertEquals(Shape.of(6, 5), expand(r, sym("x", 5, 6)));
    assertEquals(Shape.of(7, 6, 5), expand(r, sym("x", 7, 5, 6)));
    assertEquals(Shape.of(8, 7, 6, 5), expand(r, sym("x", 8, 7, 5, 6)));
  }

  @Test
  void index() {
    Index i = Index.of(sym("0", 2, 3), TensorIndex.of(TensorIndex.Slice.ALL, TensorIndex.at(0)),
        null);
    assertEquals(Shape.of(5), expand(i, sym("x", 5, 3)));
    assertEquals(Shape.of(7, 5), expand(i, sym("x", 7, 5, 3)));
    assertEquals(Shape.of(8, 7, 5), expand(i, sym("x", 8, 7, 5, 3)));
    Index fixed = Index.of(sym("0", 2, 3), TensorIndex.of(TensorIndex.slice(0L, 2L),
        TensorIndex.at(0)), null);
    assertThrows(ExpandException.class, () -> expand(fixed, sym("x", 5, 3)));
  }

  @Test
  void add() {
    Add a = add(s(2, 3, 1), s(2, 1, 5));
    assertEquals(Shape.of(7, 3, 11), expand(a, sym("0", 7, 3, 1), sym("1", 7, 1, 11)));
    assertEquals(Shape.of(13, 7, 3, 11), expand(a, sym("0", 13, 7, 3, 1), sym("1", 7, 1, 11)));
    assertThrows(CircuitException.class,
        () -> expand(a, sym("0", 13, 7, 3, 1), sym("1", 1, 7, 1, 11)));
    assertEquals(Shape.of(4, 13, 7, 3, 11),
        expand(a, sym("0", 4, 13, 7, 3, 1), sym("1", 7, 1, 11)));
    assertEquals(Shape.of(4, 13, 7, 3, 11),
        expand(a, sym("0", 7, 3, 1), sym("1", 4, 13, 7, 1, 11)));
    assertEquals(Shape.of(8, 7, 9, 3, 1),
        expand(add(s(3, 1), s(2, 1, 5)), sym("0", 7, 3, 1), sym("1", 8, 7, 9, 3, 1)));
    Add scalarPlus = add(s(), s(2, 1, 5));
    assertThrows(CircuitException.class,
        () -> expand(scalarPlus, sym("0", 7, 3, 1), sym("1", 1, 3, 11, 9, 4, 5)));
    assertThrows(CircuitException.class,
        () -> expand(scalarPlus, sym("0", 1, 3, 1), sym("1", 1, 3, 11, 9, 4, 5)));
    assertEquals(Shape.of(7, 7, 7),
        expand(add(s(7), s(2, 7)), sym("0", 7, 7), sym("1", 7, 7, 7)));
    Add wide = add(s(8, 7), s(1, 1, 1, 1, 1, 7));
    assertEquals(Shape.of(7, 1, 1, 1, 1, 8, 9),
        expand(wide, sym("0", 7, 8, 9), sym("1", 7, 1, 1, 1, 1, 1, 1)));
    assertEquals(Shape.of(2, 4, 7, 1, 1, 1, 1, 8, 9),
        expand(wide, sym("0", 2, 4, 7, 8, 9), sym("1", 7, 1, 1, 1, 1, 1, 1)));
  }

  @Test
  void einsum() {
    Einsum e = Einsum.fromString("ab,bc->ac", List.of(sym("0", 2, 3), sym("1", 3, 5)), null);
    assertEquals(Shape.of(5, 1, 2, 5), expand(e, sym("0", 5, 1, 2, 3), sym("1", 3, 5)));
    assertEquals(Shape.of(5, 1, 2, 5), expand(e, sym("0", 5, 1, 2, 3), sym("1", 5, 1, 3, 5)));
    assertEquals(Shape.of(5, 7, 2, 5), expand(e, sym("0", 5, 7, 2, 3), sym("1", 7, 3, 5)));
    assertEquals(Shape.of(5, 7, 2, 11), expand(e, sym("0", 5, 7, 2, 12), sym("1", 7, 12, 11)));
  }
}
