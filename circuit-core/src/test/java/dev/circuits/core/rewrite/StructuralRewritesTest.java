package dev.circuits.core.rewrite;

import static dev.circuits.core.rewrite.Equivalence.assertEquivalent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.circuits.core.Add;
import dev.circuits.core.Array;
import dev.circuits.core.Circuit;
import dev.circuits.core.Concat;
import dev.circuits.core.Einsum;
import dev.circuits.core.GeneralFunction;
import dev.circuits.core.Index;
import dev.circuits.core.Kind;
import dev.circuits.core.Module;
import dev.circuits.core.ModuleArgSpec;
import dev.circuits.core.ModuleSpec;
import dev.circuits.core.Rearrange;
import dev.circuits.core.Shape;
import dev.circuits.core.Symbol;
import dev.circuits.core.SymbolicSizes;
import dev.circuits.core.match.IterativeMatcher;
import dev.circuits.core.spec.SimpleFunction;
import dev.circuits.core.spec.TensorIndex;
import dev.circuits.core.text.Parser;
import dev.circuits.core.text.ParserOptions;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** distribute, flatten, canonicalize, module rewrites, split_to_concat and batch_to_concat. */
class StructuralRewritesTest {
  private static final Parser PARSER = new Parser(ParserOptions.defaults()
      .withTensorsAsRandom(true, 0));

  private static Circuit arr(String name, long... shape) {
    return Array.randn(Shape.of(shape), name.hashCode(), DataType.DOUBLE, name);
  }

  @Test
  void distributeOneLevelWithBroadcastsAndNames() {
    Circuit x = arr("x", 2, 3);
    Add sum = Add.of(List.of(arr("b", 2, 3), arr("c", 3)), "sum");
    Einsum e = Einsum.fromString("ab,ab->ab", List.of(x, sum), "prod");
    Circuit out = Distribute.distribute(e, 1, IterativeMatcher.traverseUntilDepth(1), "d.", null,
        false, true);
    assertInstanceOf(Add.class, out);
    assertEquals("prod", out.name());
    assertEquals(List.of("d.b", "d.c rearrange"), out.children().stream().map(Circuit::name)
        .toList());
    assertEquivalent(e, out, "distribute");
    assertThrows(RewriteNotApplicableException.class, () -> Distribute.distribute(e, 0));
    assertThrows(RewriteNotApplicableException.class, () -> Distribute.distributeOnce(e, 1,
        false));
  }

  @Test
  void distributeRecursesAsFarAsTheTraversalGoes() {
    Circuit x = arr("x", 3);
    Add nested = Add.of(List.of(arr("a", 3), Add.of(List.of(arr("b", 3), arr("c", 3)), "inner")),
        "outer");
    Einsum e = Einsum.fromString("a,a->a", List.of(x, nested), "e");
    Circuit shallow = Distribute.distribute(e, 1);
    assertEquals(Kind.EINSUM, shallow.child(1).kind(), "the inner Add stays inside an Einsum");
    Circuit deep = Distribute.distribute(e, 1, IterativeMatcher.noopTraversal(), null, null,
        true, true);
    assertEquals(Kind.ADD, deep.child(1).kind(), "the inner Add is distributed too");
    assertEquivalent(e, shallow, "shallow");
    assertEquivalent(e, deep, "deep");
  }

  @Test
  void addFlattenFollowsTheTraversal() {
    Circuit a = arr("a", 2);
    Add tree = Add.of(List.of(Add.of(List.of(Add.of(List.of(a, a), "v"), a), "u"), a), "t");
    assertEquals(4, Flatten.addFlatten(tree).numChildren());
    assertEquals(3, Flatten.addFlatten(tree, IterativeMatcher.traverseUntilDepth(2))
        .numChildren());
    assertThrows(RewriteNotApplicableException.class, () -> Flatten.addFlatten(tree,
        IterativeMatcher.traverseUntilDepth(1)));
    assertEquals("t", Flatten.addFlatten(tree).name());
    assertEquivalent(tree, Flatten.addFlatten(tree), "add_flatten");
  }

  @Test
  void einsumFlattenRenumbersInts() {
    Circuit m = arr("m", 2, 3);
    Circuit v = arr("v", 3);
    Einsum e = Einsum.fromString("xy,y->x", List.of(Einsum.fromString("ab,b->ab", List.of(m, v),
        "inner"), v), "outer");
    Einsum flat = Flatten.einsumFlatten(e);
    assertEquals("ab,b,b->a", flat.specString());
    assertEquals("outer", flat.name());
    assertEquivalent(e, flat, "einsum_flatten");
    assertThrows(RewriteNotApplicableException.class, () -> Flatten.einsumFlatten(
        Einsum.fromString("a->a", List.of(v), null)));
  }

  @Test
  void canonicalizeSortsAndNormalizes() {
    Circuit small = arr("small", 3);
    Circuit big = arr("big", 2, 3);
    Circuit add = Canonicalize.canonicalize(Add.of(List.of(small, big), "s"));
    assertEquals(List.of(big, small), add.children());
    assertEquals("s", add.name());
    Einsum e = (Einsum) Canonicalize.canonicalize(Einsum.fromString("x,zx->z", List.of(small, big),
        null));
    assertEquals("ab,b->a", e.specString());
    Rearrange r = (Rearrange) Canonicalize.canonicalize(Rearrange.fromString(big,
        "x y -> (x y)", null));
    assertEquals("a:2 b:3 -> (a:2 b:3)", r.spec().toString());
    Index i = (Index) Canonicalize.canonicalize(Index.of(small, TensorIndex.of(
        TensorIndex.at(-1)), null));
    assertEquals("[2]", i.index().toString());
    Circuit gf = GeneralFunction.of(SimpleFunction.TANH, big, null);
    assertSame(gf, Canonicalize.canonicalize(gf));
  }

  @Test
  void splitToConcatRustCase() {
    Circuit x = arr("x", 10, 10);
    Concat c = SplitToConcat.splitToConcat(x, 1, new long[] {2, 2, 6});
    assertEquals("x", c.name());
    assertEquals(List.of("x_at_idx_0", "x_at_idx_1", "x_at_idx_2"), c.children().stream()
        .map(Circuit::name).toList());
    assertEquals("[:,4:10]", ((Index) c.child(2)).index().toString());
    assertEquivalent(x, c, "split_to_concat");
    RewriteNotApplicableException e = assertThrows(RewriteNotApplicableException.class,
        () -> SplitToConcat.splitToConcat(x, 1, new long[] {2, 2}));
    assertEquals("split_to_concat: sections [2, 2] sum to 4 but axis 1 of 'x' Array [10,10]"
        + " has size 10", e.getMessage());
  }

  @Test
  void batchToConcatRustCases() {
    for (String text : List.of("""
        0 'pgqlrflg' [4, 4] Add
          1 '' [4, 4] Rearrange () a -> 4 (a 2)
            2 'rkysaujw' [1, 2] Scalar -10.842327468923694
          3 '' [4] Scalar 1
          4 'qbmvbyta' [4, 1] Rearrange a -> a ()
            5 '' [4] Scalar 1
          6 '' [] Einsum ->""", """
        0 'pgqlrflg' [4, 4] Add
          1 '' [] Einsum ->
          2 '' [4] Array
          3 '' [4, 4] Rearrange a:1 b:2 -> (c:2 d:2 a:1) (b:2 e:2 f:1 g:1)
            4 '' [1, 2] Scalar -10.8
          5 'qbmvbyta' [4, 1] Rearrange a:4 -> a:4 b:1
            6 '' [4] Array""")) {
      Circuit c = PARSER.parseCircuit(text);
      Concat b = BatchToConcat.batchToConcat(c, 0, 2);
      assertEquals(2, b.numChildren());
      assertEquivalent(c, b, "batch_to_concat");
    }
  }

  @Test
  void batchToConcatSlicesTheInputsOfEachChunk() {
    Circuit tokens = arr("tokens", 6, 4);
    Circuit w = arr("w", 4, 5);
    Symbol in = Symbol.of(Shape.of(4), new UUID(5, 5), "in");
    Circuit body = GeneralFunction.of(SimpleFunction.GELU,
        Einsum.fromString("a,ab->b", List.of(in, w), "proj"), "mlp");
    Module m = Module.of(ModuleSpec.of(body, in), List.of(tokens), "call");
    Concat b = BatchToConcat.batchToConcat(m, 0, 4);
    assertEquals(List.of(Shape.of(4, 5), Shape.of(2, 5)), b.children().stream()
        .map(Circuit::shape).toList());
    for (Circuit n : b.postOrder()) {
      if (n instanceof Index x) {
        assertEquals("tokens", x.node().name(), () -> "index left above " + x.node());
      }
    }
    assertEquivalent(m, b, "batch_to_concat");
  }

  @Test
  void batchToConcatFusesWithIndexNodesOnTheWay() {
    Circuit x = arr("x", 6, 4);
    Circuit head = GeneralFunction.of(SimpleFunction.RELU, x, "h");
    Circuit byPos = Concat.of(List.of(Index.of(head, TensorIndex.of(TensorIndex.Slice.ALL,
        TensorIndex.slice(0L, 1L)), "h_t0"), Index.of(head, TensorIndex.of(TensorIndex.Slice.ALL,
        TensorIndex.slice(1L, 4L)), "h_t1")), 1, "h_by_pos");
    Concat b = BatchToConcat.batchToConcat(byPos, 0, 3);
    for (Circuit n : b.postOrder()) {
      if (n instanceof Index i) {
        assertEquals("x", i.node().name());
      }
    }
    assertEquivalent(byPos, b, "batch_to_concat through Index");
  }

  @Test
  void inlineSingleCallsiteKeepsSharedSpecs() {
    Symbol s = Symbol.of(Shape.of(3), new UUID(1, 1), "s");
    ModuleSpec shared = ModuleSpec.of(GeneralFunction.of(SimpleFunction.SIGMOID, s, "f"), s);
    ModuleSpec once = ModuleSpec.of(GeneralFunction.of(SimpleFunction.TANH, s, "g"), s);
    Circuit c = Add.of(List.of(Module.of(shared, List.of(arr("a", 3)), "f1"),
        Module.of(shared, List.of(arr("b", 3)), "f2"),
        Module.of(once, List.of(arr("c", 3)), "g1")), "sum");
    Circuit out = ModuleRewrites.inlineSingleCallsite(c);
    assertEquals(List.of(Kind.MODULE, Kind.MODULE, Kind.GENERAL_FUNCTION), out.children().stream()
        .map(Circuit::kind).toList());
    assertEquals("g1", out.child(2).name());
    assertEquivalent(c, out, "inline_single_callsite");
    assertEquivalent(c, ModuleRewrites.substitute((Module) c.child(0)).add(c.child(1))
        .add(c.child(2)), "substitute one");
  }

  @Test
  void substitutingAnIdentityModuleNeverRenamesItsArrayArgument() {
    Symbol s = Symbol.of(Shape.of(3), new UUID(4, 4), "s");
    Circuit a = arr("a", 3);
    Module m = Module.of(ModuleSpec.of(s, s), List.of(a), "call");
    assertSame(a, ModuleRewrites.substitute(m));
    assertEquals(a, SimpRules.rule("elim_empty_module").apply(m));
    Circuit sum = Add.of(List.of(a, a), "sum");
    assertEquals("call", ModuleRewrites.substitute(Module.of(ModuleSpec.of(s, s), List.of(sum),
        "call"))
        .name(), "a non-irreducible argument takes the module's name, as in rust_circuit");
  }

  @Test
  void conformMakesSymbolicSizesConcrete() {
    long seq = SymbolicSizes.symbol(0);
    Symbol x = Symbol.of(Shape.of(seq, 3), new UUID(2, 2), "x");
    Circuit body = Einsum.fromString("ab->b", List.of(x), "pool");
    Module m = Module.of(new ModuleSpec(body, List.of(ModuleArgSpec.of(x))), List.of(
        arr("data", 5, 3)), "call");
    Module conformed = ModuleRewrites.conform(m);
    assertEquals(Shape.of(5, 3), conformed.spec().argSpecs().get(0).symbol().shape());
    assertEquals(Shape.of(5, 3), conformed.spec().circuit().child(0).shape());
    assertEquals("call", conformed.name());
    assertEquivalent(m, conformed, "conform");
    assertSame(conformed, ModuleRewrites.conform(conformed));
    assertEquivalent(m, ModuleRewrites.conformAll(Add.of(m, m)).child(0), "conform_all");
  }
}
