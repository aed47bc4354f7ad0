package dev.circuits.core.library;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.circuits.core.Array;
import dev.circuits.core.Circuit;
import dev.circuits.core.GeneralFunction;
import dev.circuits.core.Kind;
import dev.circuits.core.Shape;
import dev.circuits.core.Symbol;
import dev.circuits.core.SymbolicSizes;
import dev.circuits.core.eval.Evaluator;
import dev.circuits.core.spec.GeneralFunctions;
import dev.circuits.core.text.Printer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** The module library: uuids as rust_circuit draws them, zeroed variants, numerics. */
class ModuleLibraryTest {
  private static final Evaluator F64 = Evaluator.builder().float64().build();

  private static TransformerBlockParams gpt2Block() {
    return new TransformerBlockParams(NormType.LN, true, false, true, "gelu", true, false, false);
  }

  @Test
  void layerWeightSymbolsTakeRustsUuidsInArgumentOrder() {
    List<Symbol> args = layerSymbols(gpt2Block().reboundWeighty(0));
    List<String> names = args.stream().map(Symbol::name).toList();
    assertEquals(List.of("m0.w.proj_in", "m0.w.in_bias", "m0.w.proj_out", "m0.w.out_bias",
        "m0.ln.w.bias", "m0.ln.w.scale", "a0.w.q", "a0.w.q_bias", "a0.w.k", "a0.w.k_bias",
        "a0.w.v", "a0.w.v_bias", "a0.w.o", "a0.w.o_bias", "a0.ln.w.bias", "a0.ln.w.scale"),
        names);
    // Python: random.Random(0); UUID(int=getrandbits(128)) in turn (see gelu_12_tied.circ).
    assertEquals("e3e70682-c209-4cac-629f-6fbed82c07cd", args.get(0).uuid().toString());
    assertEquals("1846d424-c17c-6279-23c6-612f48268673", args.get(6).uuid().toString());
    assertEquals("85776e9a-dd84-f39e-7154-5a137a1d5006", args.get(15).uuid().toString());
    assertEquals(Shape.of(SymbolicSizes.symbol(4), SymbolicSizes.symbol(7),
        SymbolicSizes.symbol(0)), args.get(6).shape());
    TransformerBlockParams attnOnly = new TransformerBlockParams(NormType.LN, false, true, false,
        "gelu", true, false, false);
    List<Symbol> a1 = layerSymbols(attnOnly.reboundWeighty(1));
    assertEquals(List.of("a1.w.q", "a1.w.k", "a1.w.v", "a1.w.o", "a1.ln.w.bias",
        "a1.ln.w.scale"), a1.stream().map(Symbol::name).toList());
    assertEquals("cd613e30-d8f1-6adf-91b7-584a2265b1f5", a1.get(0).uuid().toString());
  }

  /** The per-layer symbols a rebound block passes to the generic block. */
  private static List<Symbol> layerSymbols(LibraryModule rebound) {
    return ((dev.circuits.core.Module) rebound.body()).args().stream().map(c -> (Symbol) c)
        .toList();
  }

  @Test
  void zeroedVariantsLoseTheirBiasesAndPositionalInput() {
    Circuit plain = ModuleLibrary.attention(false, false, false).body();
    assertEquals("a", plain.name());
    Set<String> free = names(plain.freeSymbols());
    assertEquals(Set.of("a.input", "a.mask", "a.w.q", "a.w.k", "a.w.v", "a.w.o"), free);
    assertTrue(plain.postOrder().stream().noneMatch(n -> n.kind() == Kind.SCALAR
        && ((dev.circuits.core.Scalar) n).value() == 0.0), "no zero scalars are left");
    Circuit full = ModuleLibrary.attention(true, true, false).body();
    assertEquals("a.p_bias", full.name());
    assertTrue(names(full.freeSymbols()).containsAll(List.of("a.pos_input", "a.w.q_bias",
        "a.w.o_bias")));
    assertEquals("m", ModuleLibrary.pointwiseMlp("relu", false).body().name());
    assertFalse(ModuleLibrary.pointwiseMlp("relu", false).circuits().contains("m.w.out_bias"));
  }

  private static Set<String> names(Set<Symbol> syms) {
    return syms.stream().map(Symbol::name).collect(Collectors.toSet());
  }

  @Test
  void layerNormComputesLayerNorm() {
    LibraryModule ln = ModuleLibrary.layerNorm();
    INDArray x = Nd4j.createFromArray(new double[][] {{1, 2, 3, 6}, {-1, 0, 0, 5}});
    INDArray scale = Nd4j.createFromArray(new double[] {1, 2, 0.5, -1});
    INDArray bias = Nd4j.createFromArray(new double[] {0, 1, 0, 3});
    Circuit call = ModuleBinds.bind(ln.body(), "call",
        ModuleBinds.of("ln.input", Array.of(x, "x")),
        ModuleBinds.of("ln.w.scale", Array.of(scale, "scale")),
        ModuleBinds.of("ln.w.bias", Array.of(bias, "bias")));
    INDArray got = F64.evaluate(call);
    for (int r = 0; r < 2; r++) {
      double[] row = x.getRow(r).toDoubleVector();
      double mean = java.util.Arrays.stream(row).average().orElseThrow();
      double var = java.util.Arrays.stream(row).map(v -> (v - mean) * (v - mean)).average()
          .orElseThrow();
      for (int c = 0; c < 4; c++) {
        double expected = (row[c] - mean) / Math.sqrt(var + 1e-5) * scale.getDouble(c)
            + bias.getDouble(c);
        assertEquals(expected, got.getDouble(r, c), 1e-12);
      }
    }
  }

  @Test
  void negativeLogLikelihoodIsCrossEntropy() {
    INDArray logits = Nd4j.createFromArray(new double[][] {{1, 2, 3}, {0, 0, 5}});
    Circuit nll = ModuleBinds.bind(ModuleLibrary.negativeLogLikelihood().body(), "loss",
        ModuleBinds.of("ll.input", Array.of(logits, "logits")),
        ModuleBinds.of("ll.label", Array.of(Nd4j.createFromArray(2L, 0L), "labels")));
    INDArray got = F64.evaluate(nll);
    double lse0 = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3));
    double lse1 = Math.log(2 + Math.exp(5));
    assertEquals(lse0 - 3, got.getDouble(0), 1e-12);
    assertEquals(lse1, got.getDouble(1), 1e-12);
  }

  @Test
  void rotaryEmbeddingRotatesPairsByPosition() {
    assertTrue(GeneralFunctions.byName(RotaryPosEmb.INSTANCE.serializedName()).isPresent());
    INDArray x = Nd4j.rand(DataType.DOUBLE, 1, 3, 2, 2);
    Circuit gf = GeneralFunction.of(RotaryPosEmb.INSTANCE, List.of(Array.of(x, "x")), "r");
    String text = Printer.repr(gf);
    assertEquals("'r' GeneralFunction apply_rotary_pos_emb at "
        + "rust_circuit.generalfuncs.rotary_pos_emb:ApplyRotaryPosEmb", text.lines().findFirst()
        .orElseThrow());
    Array xa = (Array) gf.child(0);
    assertEquals(gf, new dev.circuits.core.text.Parser(dev.circuits.core.text.ParserOptions
        .defaults().withTensorLookup(prefix -> xa)).parseCircuit(text));
    INDArray got = F64.evaluate(gf);
    for (int p = 0; p < 3; p++) {
      double[] v = x.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0),
          org.nd4j.linalg.indexing.NDArrayIndex.point(p)).dup().reshape(4).toDoubleVector();
      double[] out = got.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0),
          org.nd4j.linalg.indexing.NDArrayIndex.point(p)).dup().reshape(4).toDoubleVector();
      for (int i = 0; i < 2; i++) {
        double angle = p / Math.pow(10000, 2.0 * i / 4);
        assertEquals(v[2 * i] * Math.cos(angle) - v[2 * i + 1] * Math.sin(angle), out[2 * i],
            1e-12);
        assertEquals(v[2 * i + 1] * Math.cos(angle) + v[2 * i] * Math.sin(angle),
            out[2 * i + 1], 1e-12);
      }
    }
  }

  /** Concrete sizes for the library's symbolic sizes (QK = 4 * HALF_ROTARY for rope). */
  private static final Map<Integer, Long> SIZES = Map.of(0, 8L, 4, 2L, 5, 16L, 6, 8L, 7, 4L,
      8, 4L, 10, 11L, 11, 1L);

  private static long concrete(long dim) {
    SymbolicSizes.Factors f = SymbolicSizes.factor(dim);
    long out = f.other();
    for (int s : f.symbolic()) {
      out *= SIZES.get(s);
    }
    return out;
  }

  @Test
  void everyTransformerVariantBindsAndEvaluates() {
    List<TransformerInfo> variants = new ArrayList<>();
    for (NormType norm : new NormType[] {NormType.LN, NormType.BN, null}) {
      variants.add(info(new TransformerBlockParams(norm, true, false, true, "gelu_new", true,
          false, false), "gpt", true));
    }
    variants.add(info(new TransformerBlockParams(NormType.LN, false, true, true, "bilinear",
        false, false, true), "shortformer", false));
    variants.add(info(new TransformerBlockParams(NormType.LN, true, false, true, "relu", true,
        true, false), "none", true));
    for (TransformerInfo info : variants) {
      LibraryModule t = info.params().get();
      List<Map.Entry<String, Circuit>> weights = new ArrayList<>();
      long seed = 0;
      for (Symbol s : t.body().freeSymbols()) {
        if (!Set.of("t.input", "a.mask", "a.pos_input").contains(s.name())) {
          long[] dims = java.util.Arrays.stream(s.shape().toArray())
              .map(ModuleLibraryTest::concrete).toArray();
          INDArray w = Array.randn(Shape.of(dims), seed++, DataType.DOUBLE, null).value();
          // batch-norm variances must be positive
          w = s.name().endsWith(".bn.var") ? Transforms.abs(w, true) : w;
          weights.add(ModuleBinds.of(s.name(), Array.wrap(w, s.name() + "_arr")));
        }
      }
      Circuit bound = ModuleBinds.bind(t.body(), "t.bind_w", weights);
      Circuit call = info.bindToInput(bound, Array.randn(Shape.of(2, 5, 8), 99, DataType.DOUBLE,
          "embeds"), Array.randn(Shape.of(7, 8), 98, DataType.DOUBLE, "pos"));
      INDArray out = F64.evaluate(call);
      assertEquals(List.of(2L, 5L, 11L), java.util.Arrays.stream(out.shape()).boxed().toList(),
          info.toJson());
      assertTrue(Double.isFinite(out.sumNumber().doubleValue()), info.toJson());
    }
  }

  private static TransformerInfo info(TransformerBlockParams b, String pos, boolean outBias) {
    return new TransformerInfo(new TransformerParams(b, 2, true, outBias), "GPT", pos, true,
        null);
  }

  @Test
  void badParametersAreRejected() {
    assertThrows(ModelFileException.class, () -> new TransformerBlockParams(NormType.LN, true,
        false, true, "swish", true, false, false));
    assertThrows(ModelFileException.class, () -> new TransformerBlockParams(null, true,
        false, true, "gelu", true, true, false));
    ModelFileException e = assertThrows(ModelFileException.class,
        () -> ModuleBinds.bind(ModuleLibrary.layerNorm().body(), "x",
            ModuleBinds.of("ln.nothing", Array.randn(Shape.of(3), 0, "a"))));
    assertTrue(e.getMessage().contains("'ln.nothing'"), e.getMessage());
  }
}
