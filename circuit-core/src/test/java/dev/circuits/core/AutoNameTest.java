package dev.circuits.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.circuits.core.spec.SimpleFunction;
import dev.circuits.core.spec.TensorIndex;
import java.util.List;
import org.junit.jupiter.api.Test;

/** rust_circuit's auto-naming and parenthesisation rules (spec §2.2). */
class AutoNameTest {
  private final Scalar a = Scalar.of(1, Shape.of(2), "a");
  private final Scalar b = Scalar.of(2, Shape.of(2), "b");
  private final Scalar c = Scalar.of(3, Shape.of(2), "c");

  @Test
  void infixPriorities() {
    assertEquals("a + b", Add.of(a, b).name());
    Scalar two = Scalar.of(2, Shape.scalar(), "2");
    assertEquals("(a + b) * 2", Einsum.scalarMul(Add.of(a, b), two, null).name());
    assertEquals("a * b + c", Add.of(Einsum.fromString("a,a->a", List.of(a, b), null), c).name());
    assertEquals("(a ++ b) * 2",
        Einsum.scalarMul(Concat.of(java.util.List.of(a, b), 0, null), two, null).name());
    assertEquals("(a ++ b) ++ c",
        Concat.of(java.util.List.of(Concat.of(java.util.List.of(a, b), 0, null), c), 0, null)
            .name());
  }

  @Test
  void postfixAndFunctions() {
    TensorIndex first = TensorIndex.of(TensorIndex.at(0));
    assertEquals("(a + b) idx", Index.of(Add.of(a, b), first, null).name());
    assertEquals("sigmoid(x) idx", Index.of(GeneralFunction.of(SimpleFunction.SIGMOID,
        a.rename("x"), null), first, null).name());
    assertEquals("a idx tag", Tag.newWithRandomUuid(Index.of(a, first, null), null).name());
    assertEquals("a rearrange", a.rearrange("x -> x").name());
    assertEquals("softmax(a + b)", GeneralFunction.of(SimpleFunction.SOFTMAX, Add.of(a, b), null)
        .name());
  }

  @Test
  void unnamedChildMeansNoName() {
    Scalar unnamed = Scalar.of(1, Shape.of(2), null);
    assertNull(Add.of(a, unnamed).name());
    assertNull(Add.of(a, b).rename(null).name());
    assertEquals("", Add.of().name());
  }

  @Test
  void longChildNamesAreShortened() {
    Scalar longName = Scalar.of(1, Shape.of(2), "x".repeat(120));
    assertEquals("x".repeat(100) + "... + a", Add.of(longName, a).name());
  }

  @Test
  void helperNames() {
    Add diff = a.sub(b);
    assertEquals("neg b", diff.child(1).name());
    assertEquals("a + neg b", diff.name());
    assertEquals("a_unsqueeze_stack", Concat.stack(java.util.List.of(a, b), 0, null).child(0)
        .name());
  }

  @Test
  void einsumExampleFromPrintingDemo() {
    Einsum einy = Einsum.fromString("ab,bc->aa", List.of(Scalar.of(1, Shape.of(2, 3), "scalar1"),
        Rearrange.fromString(Scalar.of(2, Shape.of(4, 3), "scalar2"), "a b -> b a", null)), "einy");
    assertEquals("scalar2 rearrange", einy.child(1).name());
    assertEquals(Shape.of(2, 2), einy.shape());
  }
}
