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
import dev.circuits.core.Module;
import dev.circuits.core.ModuleSpec;
import dev.circuits.core.Rearrange;
import dev.circuits.core.Scalar;
import dev.circuits.core.Shape;
import dev.circuits.core.Symbol;
import dev.circuits.core.match.IterativeMatcher;
import dev.circuits.core.spec.SimpleFunction;
import dev.circuits.core.spec.TensorIndex;
import dev.circuits.core.text.Parser;
import dev.circuits.core.text.ParserOptions;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** push_down_index through each node type, with rust_circuit's test cases. */
class PushDownIndexTest {
  private static final Parser PARSER = new Parser(ParserOptions.defaults()
      .withTensorsAsRandom(true, 0));

  private static Array arr(long seed, long... shape) {
    return Array.randn(Shape.of(shape), seed, DataType.DOUBLE, null);
  }

  @Test
  void rustConcatCasesPushOnce() {
    for (String idx : List.of("[1,:]", "[1:5,1:]", "[3:4,1:]")) {
      Index c = (Index) PARSER.parseCircuit("10 Index " + idx + "\n  0 Concat 0\n"
          + "    1 [2,3] Scalar 2.2\n    2 [5,3] Scalar 1.0");
      Circuit once = PushDownIndex.pushDownIndexOnce(c, false, null);
      assertEquivalent(c, once, idx);
    }
    Index single = (Index) PARSER.parseCircuit(
        "10 Index [1,:]\n  0 Concat 0\n    1 [2,3] Scalar 2.2\n    2 [5,3] Scalar 1.0");
    // a single position reads one part only: Index of the first Scalar, at its row 1
    Circuit once = PushDownIndex.pushDownIndexOnce(single, false, null);
    assertEquals(TensorIndex.of(new TensorIndex.Single(1), TensorIndex.slice(0L, 3L)),
        ((Index) once).index());
    assertEquals(Shape.of(2, 3), ((Index) once).node().shape());
  }

  @Test
  void concatSliceDropsUnreadParts() {
    Concat cat = Concat.of(List.of(arr(0, 2, 3), arr(1, 4, 3), arr(2, 1, 3)), 0, "cat");
    Index idx = Index.of(cat, TensorIndex.of(TensorIndex.slice(1L, 6L)), null);
    Circuit out = PushDownIndex.pushDownIndex(idx);
    assertInstanceOf(Concat.class, out);
    assertEquals(2, out.numChildren(), "the first part is never read");
    assertEquals("cat", out.name());
    assertEquivalent(idx, out, "concat");
  }

  @Test
  void throughAddEinsumAndGeneralFunctionToTheLeaves() {
    Circuit a = arr(0, 3, 4).rename("a");
    Circuit b = arr(1, 4).rename("b");
    Circuit w = arr(2, 4, 5).rename("w");
    Circuit h = GeneralFunction.of(SimpleFunction.TANH,
        Einsum.fromString("ab,bc->ac", List.of(Add.of(List.of(a, b), "sum"), w), "mm"), "h");
    Index idx = Index.of(h, TensorIndex.of(TensorIndex.at(1), TensorIndex.slice(1L, 3L)), null);
    Circuit out = PushDownIndex.pushDownIndex(idx, PushDownIndex.defaultTraversal(), "p", false,
        true);
    assertEquivalent(idx, out, "deep push");
    assertEquals("hp", out.name());
    // every index now sits directly on an Array
    for (Circuit n : out.postOrder()) {
      if (n instanceof Index x) {
        assertEquals(Kind.ARRAY, x.node().kind(), () -> x + " is not on a leaf");
      }
    }
    List<String> names = out.postOrder().stream().map(Circuit::name).toList();
    assertTrue(names.containsAll(List.of("a_idx_p", "w_idx_p", "sump", "mmp")), names::toString);
  }

  @Test
  void softmaxKeepsItsOwnAxisAboveOnlyWhenPartialIsAllowed() {
    Circuit sm = GeneralFunction.of(SimpleFunction.SOFTMAX, arr(3, 2, 5), "sm");
    Index idx = Index.of(sm, TensorIndex.of(TensorIndex.at(0), TensorIndex.slice(0L, 2L)), null);
    RewriteNotApplicableException e = assertThrows(RewriteNotApplicableException.class,
        () -> PushDownIndex.pushDownIndex(idx));
    assertTrue(e.getMessage().contains("softmax"), e.getMessage());
    Circuit partial = PushDownIndex.pushDownIndex(idx, PushDownIndex.defaultTraversal(), null,
        true, true);
    assertInstanceOf(Index.class, partial);
    assertInstanceOf(GeneralFunction.class, ((Index) partial).node());
    assertEquals(Shape.of(5), ((Index) partial).node().shape());
    assertEquivalent(idx, partial, "partial");
  }

  @Test
  void throughRearrangeSplittingAMergedAxisBySinglePosition() {
    Rearrange r = Rearrange.fromString(arr(4, 3, 4, 2), "a b c -> (a b) c", "flat");
    Index idx = Index.of(r, TensorIndex.of(TensorIndex.at(5)), null);
    Circuit out = PushDownIndex.pushDownIndexOnce(idx, false, null);
    assertEquivalent(idx, out, "rearrange single");
    Index slice = Index.of(r, TensorIndex.of(TensorIndex.slice(2L, 7L)), null);
    assertThrows(RewriteNotApplicableException.class,
        () -> PushDownIndex.pushDownIndexOnce(slice, false, null));
  }

  @Test
  void intoModuleBatchDimsButNotItsSpec() {
    Symbol x = Symbol.of(Shape.of(4), new UUID(1, 2), "x");
    Circuit body = GeneralFunction.of(SimpleFunction.SIGMOID, x, "body");
    Module m = Module.of(ModuleSpec.of(body, x), List.of(arr(5, 3, 4)), "call");
    Index idx = Index.of(m, TensorIndex.of(TensorIndex.at(2), TensorIndex.slice(1L, 3L)), null);
    Circuit out = PushDownIndex.pushDownIndex(idx, PushDownIndex.defaultTraversal(), null, true,
        true);
    assertInstanceOf(Index.class, out, "the spec dim stays indexed above the module");
    assertInstanceOf(Module.class, ((Index) out).node());
    assertEquals(Shape.of(4), ((Index) out).node().shape(), "the batch dim was pushed");
    assertEquivalent(idx, out, "module");
  }

  @Test
  void traversalLimitsHowFarItGoes() {
    Circuit deep = Add.of(List.of(Add.of(List.of(arr(6, 3), arr(7, 3)), "mid"), arr(8, 3)), "top");
    Index idx = Index.of(deep, TensorIndex.of(TensorIndex.at(1)), null);
    Circuit oneLevel = PushDownIndex.pushDownIndex(idx, IterativeMatcher.traverseUntilDepth(1),
        null, false, true);
    assertEquals(Kind.INDEX, oneLevel.child(0).kind(), "stops below the first Add");
    assertEquals("mid", ((Index) oneLevel.child(0)).node().name());
    assertEquivalent(idx, oneLevel, "one level");
  }

  @Test
  void scalarAndTagAndTensorIndices() {
    Circuit t = dev.circuits.core.Tag.of(Scalar.of(2.0, Shape.of(3, 4), "s"), new UUID(3, 3),
        null);
    Index idx = Index.of(t, TensorIndex.of(new TensorIndex.Tensor(Nd4j.createFromArray(2L, 0L, 2L)
    )), "idx");
    Circuit out = PushDownIndex.pushDownIndex(idx);
    assertInstanceOf(dev.circuits.core.Tag.class, out);
    assertInstanceOf(Scalar.class, out.child(0));
    assertEquivalent(idx, out, "tag/scalar");
  }

  @Test
  void nothingToPushIsNotApplicable() {
    Index idx = Index.of(arr(9, 3), TensorIndex.of(TensorIndex.at(0)), null);
    RewriteNotApplicableException e = assertThrows(RewriteNotApplicableException.class,
        () -> PushDownIndex.pushDownIndex(idx));
    assertEquals(PushDownIndex.NAME, e.rewrite());
  }
}
