package dev.circuits.core.text;

import static dev.circuits.core.text.ParserGoldenTest.parse;
import static dev.circuits.core.text.ParserGoldenTest.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.circuits.core.Add;
import dev.circuits.core.Array;
import dev.circuits.core.Circuit;
import dev.circuits.core.Einsum;
import dev.circuits.core.Index;
import dev.circuits.core.Module;
import dev.circuits.core.ModuleArgSpec;
import dev.circuits.core.ModuleSpec;
import dev.circuits.core.Rearrange;
import dev.circuits.core.Scalar;
import dev.circuits.core.Shape;
import dev.circuits.core.Symbol;
import dev.circuits.core.Tag;
import dev.circuits.core.spec.TensorIndex;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** Printing goldens ported from rust_circuit's test_rust_printing.py and printing_parsing demo. */
class PrinterGoldenTest {
  static final String MLP_2_LAYER = """
      'outer_b.bilinear_mlp' Module
        'bilinear_mlp' Einsum h,h,oh->o
          'bilinear_mlp.pre0' Index [0,:]
            'bilinear_mlp.fold_pre' Rearrange (a:2 b) -> a:2 b
              'bilinear_mlp.pre' Einsum i,hi->h
                'bilinear_mlp.input' [0s] Symbol 873a937e-2bb9-4f7f-b55e-a100db3dde52
                'bilinear_mlp.w.proj_in' [2*1s,0s] Symbol c171d519-8793-4a8b-ac5e-d550347f30a6
          'bilinear_mlp.pre1' Index [1,:]
            'bilinear_mlp.fold_pre'
          'bilinear_mlp.w.proj_out' [2s,1s] Symbol e61637eb-9f17-4325-b2c2-5eb2518026cf
        'b.bilinear_mlp' Module ! 'bilinear_mlp.input'
          'bilinear_mlp'
          'b.input' [3,5,7,17] Scalar 7 ! 'bilinear_mlp.input'
          'b.proj_in' [22,17] Scalar 8 ! 'bilinear_mlp.w.proj_in' ftt
          'b.proj_out' [13,11] Scalar 9 ! 'bilinear_mlp.w.proj_out' ftt
        'b_new.proj_in' [22,13] Scalar 10 ! 'bilinear_mlp.w.proj_in' ftt
        'b_new.proj_out' [20,11] Scalar 11 ! 'bilinear_mlp.w.proj_out' ftt
      """;

  static final String SCATTER_CONCAT = """
      0 [5, 3, 6] Add
        1 [3, 1] Scatter [0:2,0:1]
          2 [2, 1] Scalar 1.0
        10 [5, 3, 6] Scatter [0:5,0:3,0:3]
          4 [5, 3, 3] Concat 0
            5 'yoyo ' [2, 3, 3] Scalar 1.0
            6 'hihi' [3, 3, 3] Scalar 1.0""";

  static Circuit mlp2Layer() {
    return new Parser(ParserOptions.defaults().withTensorsAsRandom(true, 0)).parseCircuit(
        MLP_2_LAYER);
  }

  @Test
  void modulePrinting() {
    Circuit mlp = mlp2Layer();
    assertEquals(mlp, parse(Printer.repr(mlp)));
    Module inner = (Module) unique(mlp, "b.bilinear_mlp");
    List<ModuleArgSpec> specs = new ArrayList<>(inner.spec().argSpecs());
    ModuleArgSpec snd = specs.get(1);
    specs.set(1, new ModuleArgSpec(snd.symbol(), false, true, false));
    Module updated = Module.of(ModuleSpec.of(inner.spec().circuit(), specs, true, false),
        inner.args(), inner.name());
    List<Circuit> children = new ArrayList<>(mlp.children());
    children.set(children.indexOf(inner), updated);
    Circuit newMlp = mlp.withChildren(children);
    String printed = Printer.repr(newMlp);
    assertEquals(true, printed.contains("'b.proj_in' [22,17] Scalar 8 ! 'bilinear_mlp.w.proj_in' ftf"),
        printed);
    assertEquals(newMlp, parse(printed));
  }

  @Test
  void printComments() {
    assertEquals("""
        'outer_b.bilinear_mlp' Module
        ├‣'bilinear_mlp' Einsum h,h,oh->o # Spec
        │ ├‣'bilinear_mlp.pre0' [1s] Index [0,:] # h
        │ │ └‣'bilinear_mlp.fold_pre' Rearrange (a:2 b) -> a:2 b
        │ │   └‣'bilinear_mlp.pre' Einsum i,hi->h
        │ │     ├‣'bilinear_mlp.input' [0s] Symbol 873a937e-2bb9-4f7f-b55e-a100db3dde52 # i
        │ │     └‣'bilinear_mlp.w.proj_in' [2*1s,0s] Symbol c171d519-8793-4a8b-ac5e-d550347f30a6 # hi
        │ ├‣'bilinear_mlp.pre1' [1s] Index [1,:] # h
        │ │ └‣'bilinear_mlp.fold_pre'
        │ └‣'bilinear_mlp.w.proj_out' [2s,1s] Symbol e61637eb-9f17-4325-b2c2-5eb2518026cf # oh
        ├‣'b.bilinear_mlp' Module ! 'bilinear_mlp.input'
        │ ├‣'bilinear_mlp' # Spec
        │ ├‣'b.input' [3,5,7,17] Scalar 7 ! 'bilinear_mlp.input'
        │ ├‣'b.proj_in' [22,17] Scalar 8 ! 'bilinear_mlp.w.proj_in' ftt
        │ └‣'b.proj_out' [13,11] Scalar 9 ! 'bilinear_mlp.w.proj_out' ftt
        ├‣'b_new.proj_in' [22,13] Scalar 10 ! 'bilinear_mlp.w.proj_in' ftt
        └‣'b_new.proj_out' [20,11] Scalar 11 ! 'bilinear_mlp.w.proj_out' ftt""",
        Printer.repr(PrintOptions.defaults().withCommentArgNames(true).withArrows(true),
            mlp2Layer()));
  }

  @Test
  void commenters() {
    Circuit mlp = mlp2Layer();
    Function<Circuit, String> lineLength =
        c -> "line length: " + Printer.lineInfo(PrintOptions.defaults(), c).length();
    Function<Circuit, String> nodeCount = c -> "node count: " + c.postOrder().size();
    PrintOptions opts = PrintOptions.defaults().withCommenters(lineLength, nodeCount);
    String printed = Printer.repr(opts, mlp);
    assertEquals("""
        'outer_b.bilinear_mlp' Module # line length: 7 # node count: 15
          'bilinear_mlp' Einsum h,h,oh->o # line length: 17 # node count: 8
            'bilinear_mlp.pre0' [1s] Index [0,:] # line length: 17 # node count: 5
              'bilinear_mlp.fold_pre' Rearrange (a:2 b) -> a:2 b # line length: 27 # node count: 4
                'bilinear_mlp.pre' Einsum i,hi->h # line length: 15 # node count: 3
                  'bilinear_mlp.input' [0s] Symbol 873a937e-2bb9-4f7f-b55e-a100db3dde52 # line length: 49 # node count: 1
                  'bilinear_mlp.w.proj_in' [2*1s,0s] Symbol c171d519-8793-4a8b-ac5e-d550347f30a6 # line length: 54 # node count: 1
            'bilinear_mlp.pre1' [1s] Index [1,:] # line length: 17 # node count: 5
              'bilinear_mlp.fold_pre' # line length: 27 # node count: 4
            'bilinear_mlp.w.proj_out' [2s,1s] Symbol e61637eb-9f17-4325-b2c2-5eb2518026cf # line length: 52 # node count: 1
          'b.bilinear_mlp' Module ! 'bilinear_mlp.input' # line length: 7 # node count: 12
            'bilinear_mlp' # line length: 17 # node count: 8
            'b.input' [3,5,7,17] Scalar 7 ! 'bilinear_mlp.input' # line length: 20 # node count: 1
            'b.proj_in' [22,17] Scalar 8 ! 'bilinear_mlp.w.proj_in' ftt # line length: 17 # node count: 1
            'b.proj_out' [13,11] Scalar 9 ! 'bilinear_mlp.w.proj_out' ftt # line length: 17 # node count: 1
          'b_new.proj_in' [22,13] Scalar 10 ! 'bilinear_mlp.w.proj_in' ftt # line length: 18 # node count: 1
          'b_new.proj_out' [20,11] Scalar 11 ! 'bilinear_mlp.w.proj_out' ftt # line length: 18 # node count: 1""",
        printed);
    assertEquals(mlp, parse(printed));
    PrintOptions early = opts.withBijection(false).withEndDepth(3);
    assertEquals("""
        outer_b.bilinear_mlp Module # line length: 7 # node count: 15
          bilinear_mlp Einsum h,h,oh->o # line length: 17 # node count: 8
            bilinear_mlp.pre0 [1s] Index [0,:] ... # line length: 17 # node count: 5
            bilinear_mlp.pre1 [1s] Index [1,:] ... # line length: 17 # node count: 5
            bilinear_mlp.w.proj_out [2s,1s] Symbol e61637eb-9f17-4325-b2c2-5eb2518026cf # line length: 52 # node count: 1
          b.bilinear_mlp Module ! bilinear_mlp.input [0s] Symbol 873a937e-2bb9-4f7f-b55e-a100db3dde52 # line length: 7 # node count: 12
            bilinear_mlp # line length: 17 # node count: 8
            b.input [3,5,7,17] Scalar 7 ! bilinear_mlp.input # line length: 20 # node count: 1
            b.proj_in [22,17] Scalar 8 ! bilinear_mlp.w.proj_in [2*1s,0s] Symbol c171d519-8793-4a8b-ac5e-d550347f30a6 ftt # line length: 17 # node count: 1
            b.proj_out [13,11] Scalar 9 ! bilinear_mlp.w.proj_out ftt # line length: 17 # node count: 1
          b_new.proj_in [22,13] Scalar 10 ! bilinear_mlp.w.proj_in ftt # line length: 18 # node count: 1
          b_new.proj_out [20,11] Scalar 11 ! bilinear_mlp.w.proj_out ftt # line length: 18 # node count: 1""",
        Printer.repr(early, mlp));
  }

  @Test
  void printOptions() {
    Circuit circ = parse(SCATTER_CONCAT);
    PrintOptions depth3 = PrintOptions.defaults().withBijection(false).withEndDepth(3);
    String cut = """
        0 Add
          1 [3,1] Scatter [0:2,0:1]
            2 [2,1] Scalar 1
          3 [5,3,6] Scatter [0:5,0:3,0:3]
            4 Concat 0 ...""";
    assertEquals(cut, Printer.repr(depth3, circ));
    assertEquals(cut, Printer.repr(depth3.withForceUseSerialNumbers(true), circ));
    assertEquals("""
        0 Add
        ├‣1 [3,1] Scatter [0:2,0:1]
        │ └‣2 [2,1] Scalar 1
        └‣3 [5,3,6] Scatter [0:5,0:3,0:3]
          └‣4 Concat 0
            ├‣yoyo  [2,3,3] Scalar 1
            └‣hihi [3,3,3] Scalar 1""",
        Printer.repr(PrintOptions.defaults().withBijection(false).withArrows(true), circ));
    assertEquals("""
            ┌‣hihi [3,3,3] Scalar 1
            ├‣yoyo  [2,3,3] Scalar 1
          ┌‣4 Concat 0
        ┌‣3 [5,3,6] Scatter [0:5,0:3,0:3]
        │ ┌‣2 [2,1] Scalar 1
        ├‣1 [3,1] Scatter [0:2,0:1]
        0 Add""", Printer.repr(PrintOptions.defaults().withBijection(false).withArrows(true)
        .withLeavesOnTop(true), circ));
    assertEquals("""
        0 Add
          1 [3,1] Scatter [0:2,0:1] ...
          2 [5,3,6] Scatter [0:5,0:3,0:3] ...""",
        Printer.repr(PrintOptions.defaults().withBijection(false).withEndDepth(2), circ));
    assertThrows(IllegalArgumentException.class,
        () -> Printer.repr(PrintOptions.defaults().withEndDepth(2), circ));
    assertThrows(IllegalArgumentException.class,
        () -> Printer.repr(PrintOptions.defaults().withLeavesOnTop(true), circ));
  }

  @Test
  void sizeThresholdCommenter() {
    assertEquals("""
        0 Add # \033[31m90\033[0m
          1 [3,1] Scatter [0:2,0:1]
            2 [2,1] Scalar 1
          3 [5,3,6] Scatter [0:5,0:3,0:3] # \033[31m90\033[0m
            4 Concat 0 # \033[31m45\033[0m
              'yoyo ' [2,3,3] Scalar 1 # \033[31m18\033[0m
              'hihi' [3,3,3] Scalar 1 # \033[31m27\033[0m""",
        Printer.repr(PrintOptions.defaults().withCommenters(
            PrintOptions.sizeThresholdCommenter(16)), parse(SCATTER_CONCAT)));
    assertEquals("4M", Commenters.orderOfMagnitude(java.math.BigInteger.valueOf(4_123_456)));
  }

  @Test
  void dtypeCommenter() {
    Array zeros = Array.of(Nd4j.zeros(DataType.BYTE, 5), null);
    Circuit circ = Add.of(zeros, zeros);
    assertEquals("""
        0 Add # int8
          1 [5] Array 50dba7b000ecd7c013961b6c # int8
          1 Array # int8""", Printer.repr(PrintOptions.defaults().withCommenters(
        PrintOptions.dtypeCommenter()), circ));
    assertEquals("""
        0 Add
          1 [5] Array 50dba7b000ecd7c013961b6c # int8
          1 Array # int8""", Printer.repr(PrintOptions.defaults().withCommenters(
        PrintOptions.dtypeCommenter(true)), circ));
    assertEquals("0 [1] Scalar 0.7", Printer.repr(PrintOptions.defaults().withCommenters(
        PrintOptions.dtypeCommenter()), Scalar.of(0.7, Shape.of(1), null)));
  }

  @Test
  void defaultPrint() {
    Circuit circ = parse("""
        0 [5, 3, 6] Add
          1 [3, 1] Scalar 3.7
          2 [3, 1] Scatter [0:2,0:1]
            3 [2, 1] Scalar 1.0
          10 [5, 3, 6] Scatter [0:5,0:3,0:3]
            4 [5, 3, 3] Concat 0
              5 'yoyo ' [2, 3, 3] Scalar 1.0
              6 'hihi' [3, 3, 3] Scalar 1.0""");
    assertEquals("""
        <0 [5,3,6] Add
          1 [3,1] Scalar 3.7
          2 [3,1] Scatter [0:2,0:1] ...
          3 [5,3,6] Scatter [0:5,0:3,0:3] ...>""", Printer.debugRepr(circ));
    assertEquals("""
        <0 [5,3,6] Add
          1 [3,1] Scalar 3.7
          2 [3,1] Scatter [0:2,0:1]
            3 [2,1] Scalar 1
          4 [5,3,6] Scatter [0:5,0:3,0:3]
            5 [5,3,3] Concat 0 ...>""",
        "<" + Printer.repr(PrintOptions.debugDefault(3), circ) + ">");
  }

  @Test
  void hashColorer() {
    Circuit circ = parse("""
        0 Add
          1 [3, 1] Scatter [0:2,0:1]
            2 [2, 1] Scalar 1.0
          4 Concat 0
            5 'yoyo ' [2, 3, 3] Scalar 1.0
            6 'hihi' [3, 3, 3] Scalar 1.0
            7 'hihi' [3, 3, 3] Scalar 1.1
            8 'hihi' [3, 3, 3] Scalar 1.2
            9 'hihi' [3, 3, 3] Scalar 1.3
            10 'hihi' [3, 3, 3] Scalar 1.4
            11 'hihi' [3, 3, 3] Scalar 1.5
            12 'hihi' [3, 3, 3] Scalar 1.6
            13 'hihi' [3, 3, 3] Scalar 1.7
            14 'hihi' [3, 3, 3] Scalar 1.8
            15 'hihi' [3, 3, 3] Scalar 1.9
              """);
    assertEquals("""
        \033[36m0 Add\033[0m
          \033[91m1 [3,1] Scatter [0:2,0:1]\033[0m
            \033[95m2 [2,1] Scalar 1\033[0m
          \033[33m3 Concat 0\033[0m
            \033[92m'yoyo ' [2,3,3] Scalar 1\033[0m
            \033[92m4 'hihi' [3,3,3] Scalar 1\033[0m
            \033[32m5 'hihi' [3,3,3] Scalar 1.1\033[0m
            \033[97m6 'hihi' [3,3,3] Scalar 1.2\033[0m
            \033[31m7 'hihi' [3,3,3] Scalar 1.3\033[0m
            \033[95m8 'hihi' [3,3,3] Scalar 1.4\033[0m
            \033[91m9 'hihi' [3,3,3] Scalar 1.5\033[0m
            \033[96m10 'hihi' [3,3,3] Scalar 1.6\033[0m
            \033[32m11 'hihi' [3,3,3] Scalar 1.7\033[0m
            \033[90m12 'hihi' [3,3,3] Scalar 1.8\033[0m
            \033[33m13 'hihi' [3,3,3] Scalar 1.9\033[0m""",
        Printer.repr(PrintOptions.defaults().withColorer(PrintOptions.hashColorer()), circ));
    assertEquals("\033[34m0 [1] Scalar 1\033[0m", Printer.repr(PrintOptions.defaults()
        .withColorer(PrintOptions.fixedColor(34)), Scalar.of(1, Shape.of(1), null)));
  }

  @Test
  void sizeColorer() {
    Circuit circ = parse("""
        0 [] Add
          1 Einsum i->
            2 [1] Scalar 1.
          3 Einsum i->
            4 [1_000] Scalar 1.
          5 Einsum i->
            6 [1_000_000] Scalar 1.
          7 Einsum i->
            8 [1_000_000_000] Scalar 1.
          9 Einsum i->
            10 [100_000_000_000] Scalar 1.
          11 Einsum i->
            12 [10_000_000_000_000] Scalar 1.
              """);
    assertEquals("""
        0 Add
          1 Einsum i->
            2 [1] Scalar 1
          3 Einsum i->
            4 [1000] Scalar 1
          5 Einsum i->
            \033[32m6 [1000000] Scalar 1\033[0m
          7 Einsum i->
            \033[33m8 [1000000000] Scalar 1\033[0m
          9 Einsum i->
            \033[31m10 [100000000000] Scalar 1\033[0m
          11 Einsum i->
            \033[31m12 [10000000000000] Scalar 1\033[0m""",
        Printer.repr(PrintOptions.defaults().withColorer(PrintOptions.sizeColorer()), circ));
  }

  @Test
  void tensorIndex() {
    Map<String, Array> store = new HashMap<>();
    Array tensor = Array.of(Nd4j.createFromArray(1L, 2L, 3L, 3L, 2L, 1L), null);
    Circuit idx = Index.of(Scalar.of(1.0, Shape.of(10, 10), null),
        TensorIndex.of(new TensorIndex.Tensor(tensor.value()), TensorIndex.at(0)), null);
    String printed = Printer.repr(PrintOptions.defaults().withTensorSink(
        a -> store.put(a.tensorHashHex(), a)), idx);
    assertEquals("0 [6] Index [t292d9fdb22 [6],0]\n  1 [10,10] Scalar 1", printed);
    assertEquals(1, store.size());
    Parser parser = new Parser(ParserOptions.defaults().withTensorLookup(prefix -> store.values()
        .stream().filter(a -> a.tensorHashHex().startsWith(prefix)).findFirst().orElse(null)));
    assertEquals(idx, parser.parseCircuit(printed));
    assertEquals("0 [6,10] Index [[6],:]\n  1 [10,10] Scalar 1", Printer.repr(PrintOptions
        .defaults().withBijection(false), Index.of(Scalar.of(1.0, Shape.of(10, 10), null),
        TensorIndex.of(new TensorIndex.Tensor(tensor.value())), null)));
  }

  @Test
  void arrowsAndOnlyChildBelow() {
    PrintOptions printer = PrintOptions.defaults().withArrows(true).withOnlyChildBelow(true);
    List<String[]> cases = List.of(new String[] {"0 Add\n  1 [1] Scalar 0.7",
        "0 Add\n▼\n1 [1] Scalar 0.7"}, new String[] {"""
        0 Add
          1 Add
            2 [1] Scalar 0.7
          3 Add
            4 [1] Scalar 0.5
            5 [1] Scalar 6.3""", """
        0 Add
        ├‣1 Add
        │ ▼
        │ 2 [1] Scalar 0.7
        └‣3 Add
          ├‣4 [1] Scalar 0.5
          └‣5 [1] Scalar 6.3"""}, new String[] {"""
        0 Add
          1 Add
            2 [1] Scalar 0.5
            3 [1] Scalar 6.3
          4 Add
            5 [1] Scalar 0.7""", """
        0 Add
        ├‣1 Add
        │ ├‣2 [1] Scalar 0.5
        │ └‣3 [1] Scalar 6.3
        └‣4 Add
          ▼
          5 [1] Scalar 0.7"""});
    for (String[] c : cases) {
      Circuit circ = parse(c[0]);
      assertEquals(c[1], Printer.repr(printer, circ));
      assertEquals(circ, parse(c[1]));
      assertEquals(circ, parse(Printer.repr(PrintOptions.defaults().withOnlyChildBelow(true),
          circ)));
    }
  }

  // printing_parsing demo: comment_arg_names on a DiscreteVar (the demo prints without asserting)
  @Test
  void commentArgNamesOnDiscreteVar() {
    String text = """
        0 DiscreteVar
          1 Einsum ab,b->ab
            's1' [2,3] Symbol
            's2' [3] Symbol
          's3' [2] Symbol""";
    assertEquals("""
        0 DiscreteVar
          1 Einsum ab,b->ab # Values
            's1' [2,3] Symbol # ab
            's2' [3] Symbol # b
          's3' [2] Symbol # Probs and Group""",
        Printer.repr(PrintOptions.defaults().withCommentArgNames(true), parse(text)));
  }

  @Test
  void stopAtCutsBelowMatchingNodes() {
    Circuit c = Add.of(List.of(Einsum.scalarMul(Scalar.of(1, Shape.of(2), "x"),
        Scalar.of(2), "a"), Scalar.of(3, Shape.of(2), "b")), "c");
    PrintOptions cut = PrintOptions.defaults().withBijection(false)
        .withStopAt(n -> "a".equals(n.name()))
        .withCommenters(n -> "a".equals(n.name()) ? "stopped" : "");
    assertEquals("c Add\n  a Einsum a,->a ... # stopped\n  b [2] Scalar 3",
        Printer.repr(cut, c));
    assertThrows(IllegalArgumentException.class,
        () -> Printer.repr(PrintOptions.defaults().withStopAt(n -> true), c));
  }

  // test_rust_rewrite.py::test_strip_names_and_tags, built by hand (the rewrite lives elsewhere).
  @Test
  void strippedNamesAndTags() {
    Circuit stripped = Add.of(Scalar.of(1, Shape.of(2, 2), null),
        Tag.of(Symbol.newWithNoneUuid(Shape.of(2, 2), "weee"), Symbol.NIL, null).rename(null));
    assertEquals("""
        0 Add
          1 [2,2] Scalar 1
          2 Tag 00000000-0000-0000-0000-000000000000
            'weee' [2,2] Symbol""", Printer.repr(stripped));
  }

  @Test
  void demo() {
    Circuit circuit = Einsum.fromString("ab,bc->aa",
        List.of(Scalar.of(1.0, Shape.of(2, 3), "scalar1"),
        Rearrange.fromString(Scalar.of(2.0, Shape.of(4, 3), "scalar2"), "a b -> b a", null)),
        "einy");
    assertEquals("""
        'einy' Einsum ab,bc->aa
          'scalar1' [2,3] Scalar 1
          'scalar2 rearrange' Rearrange a b -> b a
            'scalar2' [4,3] Scalar 2""", Printer.repr(circuit));
    assertEquals("0 Add\n  1 [2] Scalar 1\n  1 Scalar", Printer.repr(Add.of(
        Scalar.of(1.0, Shape.of(2), null), Scalar.of(1.0, Shape.of(2), null))));
    assertEquals("'addey' Add\n  'scaley' [2] Scalar 1\n  'scaley'",
        Printer.repr(Add.of(List.of(Scalar.of(1.0, Shape.of(2), "scaley"),
        Scalar.of(1.0, Shape.of(2), "scaley")), "addey")));
    assertEquals(circuit, parse(Printer.repr(circuit)));

    parse("""
        'mycircuit' Einsum a,ab->b
          'sym1' [4] Symbol
          'sym2' [4,5] Symbol
        """);
    List<Circuit> factored = new Parser().parseCircuits("""
        # the submodule, declared first
        'submod1' [2] Einsum a,a->a
          'inp' [2] Scalar 1
          'inp'
        'main_circuit' Einsum a,aa->
          'submod1' # the reference to the submodule
          'traced' [2,2] Scalar 2
        """);
    assertEquals(factored.get(0), factored.get(1).child(0));

    Array zeros = Array.of(Nd4j.zeros(DataType.FLOAT, 2, 3), null);
    assertEquals("2f97b0bb06d4adba46cd8756", zeros.tensorHashHex().substring(0, 24));
    Parser withStore = new Parser(ParserOptions.defaults().withTensorLookup(
        p -> zeros.tensorHashHex().startsWith(p) ? zeros : null));
    Circuit shared = withStore.parseCircuit("""
        0 Add
          1 [2,3] Array 2f97b0bb06d4adba46cd8756
          1
          """);
    assertEquals(Add.of(zeros, zeros).rename(null), shared);
    // the "format of every node type" block, without its Cumulant (not implemented)
    List<Circuit> all = withStore.parseCircuits("""
        '_' [] Scalar 1 # any number
        '_1' [2] Symbol 93aa0db1-2435-4fa6-8675-711543cab705 # no uuid means null uuid
        '_2' [2,3] Array 2f97b0bb06d4adba46cd8756 # prefix of hash of tensor
        'einsum' Einsum a,ab,->b
          '_1'
          '_2'
          '_'
        'einsum fancy string' Einsum fancy: ay, ay bee,->bee
          '_1'
          '_2'
          '_'
        'add' Add
          '_1'
          '_'
        'rearrange' Rearrange a b -> b a ()
          '_2'
        'index' Index [0:1,1]
          '_2'
        """);
    assertEquals(8, all.size());
    assertEquals(all.get(3).rename(null), all.get(4).rename(null));
    assertEquals(Shape.of(3, 2, 1), all.get(6).shape());
    assertEquals(Shape.of(1), all.get(7).shape());
  }
}
