package dev.circuits.gpt2.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.circuits.core.Array;
import dev.circuits.core.Circuit;
import dev.circuits.core.eval.Evaluator;
import dev.circuits.core.io.Safetensors;
import dev.circuits.core.io.SafetensorsFile;
import dev.circuits.core.library.ModelFile;
import dev.circuits.core.library.ModelFileException;
import dev.circuits.core.text.ParserOptions;
import dev.circuits.core.text.PrintOptions;
import dev.circuits.core.text.TensorStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** GPT-2 exported as a rust_circuit model file (REMIX's form) and read back. */
class Gpt2ModelFileTest {
  private static Gpt2Weights weights;
  private static INDArray ids;
  private static INDArray refLogits;

  @BeforeAll
  static void load() {
    weights = Gpt2Checkpoint.load(Gpt2CheckpointTest.tinyDir());
    try (SafetensorsFile ref = Safetensors.open(
        Gpt2CheckpointTest.tinyDir().resolve("reference.safetensors"))) {
      ids = ref.read("input_ids");
      refLogits = ref.read("logits");
    }
  }

  private static double maxAbsDiff(INDArray a, INDArray b) {
    assertEquals(Arrays.toString(b.shape()), Arrays.toString(a.shape()));
    return a.castTo(DataType.DOUBLE).sub(b.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
  }

  @Test
  void roundTripThroughTorchTensorStoreEvaluatesLikeGpt2Circuit(@TempDir Path dir) {
    TensorStore store = TensorStore.at(dir).withFormat(TensorStore.Format.TORCH);
    String text = Gpt2ModelFile.export(weights, Gpt2BuildOptions.Activation.GELU_NEW,
        PrintOptions.defaults().withTensorSink(store::save));
    ModelFile file = ModelFile.parse(text,
        ParserOptions.defaults().withTensorLookup(store::load));

    Circuit tokens = Array.wrap(ids.castTo(DataType.LONG), "tokens");
    Circuit call = file.info().bindToInputTokens(file.get(ModelFile.BOUND_WEIGHTS), tokens,
        file.get("t.w.tok_embeds"), file.get("t.w.pos_embeds"));
    INDArray libraryLogits = Evaluator.create().evaluate(call);
    assertTrue(maxAbsDiff(libraryLogits, refLogits) < 1e-4, "library transformer vs HF");

    Gpt2Circuit m = Gpt2Circuit.build(Gpt2ModelFile.weights(file),
        Gpt2BuildOptions.split(ids.columns()));
    INDArray splitLogits = Evaluator.create().evaluate(m.withTokens(m.logits(), ids));
    assertTrue(maxAbsDiff(splitLogits, libraryLogits) < 1e-4, "split GPT-2 vs library");
  }

  @Test
  void weightsComeBackExactlyAndTiedUnembeddingStaysTied(@TempDir Path dir) {
    TensorStore store = TensorStore.at(dir);
    String text = Gpt2ModelFile.export(weights, Gpt2BuildOptions.Activation.GELU_ERF,
        PrintOptions.defaults().withTensorSink(store::save));
    ModelFile file = ModelFile.parse(text, ParserOptions.defaults().withTensorLookup(store::load));
    Gpt2Weights back = Gpt2ModelFile.weights(file);
    assertEquals(weights.config(), new Gpt2Config(back.config().nLayer(), back.config().nHead(),
        back.config().nEmbd(), back.config().vocabSize(), back.config().nPositions(),
        back.config().layerNormEpsilon(), "gelu_new"));
    assertEquals("gelu", back.config().activationFunction());
    assertEquals(Gpt2BuildOptions.Activation.GELU_ERF, Gpt2ModelFile.activation(file));
    Map<String, INDArray> a = weights.toRemix();
    Map<String, INDArray> b = back.toRemix();
    assertEquals(List.copyOf(a.keySet()), List.copyOf(b.keySet()));
    a.forEach((k, v) -> assertEquals(v, b.get(k), k));
    assertSame(back.tokEmbeds(), back.unembed());
    assertEquals(a.size(), countFiles(dir), "one stored file per distinct tensor");
  }

  @Test
  void exportHasTheLayoutOfRemixGpt2SmallFile() throws java.io.IOException {
    Path remix = SharedCircFiles.require("gelu_12_tied.circ");
    String exported = Gpt2ModelFile.export(weights, Gpt2BuildOptions.Activation.GELU_ERF,
        PrintOptions.defaults());
    String expected = Files.readString(remix).lines()
        .filter(l -> !l.matches("\\s+'[am]([2-9]|1[01])\\..*"))
        .filter(l -> !l.isBlank() && !l.startsWith("# originally"))
        .map(l -> l.replace("\"num_layers\": 12", "\"num_layers\": 2"))
        .collect(java.util.stream.Collectors.joining("\n", "", "\n"));
    assertEquals(withoutArrayShapesAndHashes(expected), withoutArrayShapesAndHashes(exported));

    ModelFile gpt2Small = ModelFile.parse(Files.readString(remix),
        ParserOptions.defaults().withTensorStandIns(true));
    ModelFile tiny = ModelFile.parse(exported, ParserOptions.defaults().withTensorStandIns(true));
    assertEquals(Map.of(0L, 768L, 4L, 12L, 5L, 3072L, 7L, 64L, 8L, 64L, 10L, 50257L),
        symbolicToConcrete(gpt2Small));
    assertEquals(Map.of(0L, 64L, 4L, 4L, 5L, 256L, 7L, 16L, 8L, 16L, 10L, 1000L),
        symbolicToConcrete(tiny));
  }

  @Test
  void nonGpt2ModelFilesAreRejected() throws java.io.IOException {
    ModelFile parens = ModelFile.parse(Files.readString(
        SharedCircFiles.require("jun9_paren_balancer.circ")),
        ParserOptions.defaults().withTensorStandIns(true));
    ModelFileException e = assertThrows(ModelFileException.class,
        () -> Gpt2ModelFile.weights(parens));
    assertTrue(e.getMessage().contains("causal_mask true")
        && e.getMessage().contains("output_bias false"), e.getMessage());
  }

  /** Array lines keep name and binding; their shapes and hashes are model-specific. */
  private static String withoutArrayShapesAndHashes(String text) {
    return text.replaceAll("\\[[0-9,]*] Array [0-9a-f]{24}", "Array");
  }

  /** Which concrete size each symbolic size of a bound weight symbol takes (checked consistent). */
  private static Map<Long, Long> symbolicToConcrete(ModelFile f) {
    dev.circuits.core.Module bound = (dev.circuits.core.Module) f.get(ModelFile.BOUND_WEIGHTS);
    Map<Long, Long> out = new java.util.TreeMap<>();
    for (int i = 0; i < bound.args().size(); i++) {
      long[] sym = bound.spec().argSpecs().get(i).symbol().shape().toArray();
      long[] arr = bound.args().get(i).shape().toArray();
      for (int d = 0; d < sym.length; d++) {
        long index = dev.circuits.core.SymbolicSizes.factor(sym[d]).symbolic().get(0);
        Long prev = out.put(index, arr[d]);
        assertTrue(prev == null || prev == arr[d], "size " + index + "s is both " + prev + " and "
            + arr[d]);
      }
    }
    return out;
  }

  private static long countFiles(Path dir) {
    try (var s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).count() + 1;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
