package dev.circuits.cli;

import java.util.List;
import dev.circuits.core.Add;
import dev.circuits.core.Array;
import dev.circuits.core.Circuit;
import dev.circuits.core.Einsum;
import dev.circuits.core.Index;
import dev.circuits.core.Scalar;
import dev.circuits.core.Shape;
import dev.circuits.core.spec.TensorIndex;
import dev.circuits.core.text.PrintOptions;
import dev.circuits.core.text.TensorStore;
import dev.circuits.gpt2.model.Gpt2BuildOptions;
import dev.circuits.gpt2.model.Gpt2Checkpoint;
import dev.circuits.gpt2.model.Gpt2Circuit;
import dev.circuits.gpt2.model.Gpt2Config;
import dev.circuits.gpt2.model.Gpt2ModelFile;
import dev.circuits.gpt2.model.Gpt2Weights;
import dev.circuits.gpt2.model.RandomGpt2;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The values README snippets take as given (a model, token ids, a dataset), small enough that
 * every snippet runs in seconds. {@link ReadmeSnippetsTest} declares them before each snippet.
 */
public final class SnippetFixtures {
  private SnippetFixtures() {}

  /** A random 2-layer, 4-head GPT-2 with GPT-2's vocabulary and 16 positions, written to dir. */
  public static Path tinyGpt2(Path dir) {
    return RandomGpt2.write(new Gpt2Config(2, 4, 16, 50257, 16, 1e-5, "gelu_new"), 0,
        dir.resolve("tiny-gpt2"));
  }

  /** A random GPT-2 with GPT-2 small's 12 layers x 12 heads but tiny widths, 16 positions. */
  public static Gpt2Weights gpt2SmallShaped(Path dir) {
    return Gpt2Checkpoint.load(RandomGpt2.write(
        new Gpt2Config(12, 12, 24, 1000, 16, 1e-5, "gelu_new"), 1, dir.resolve("small-shaped")));
  }

  /** {@code rows} random prompts of 16 token ids below {@code vocab}: int64 [rows, 16]. */
  public static INDArray tokenIds(int rows, int vocab, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    long[][] ids = new long[rows][16];
    for (long[] row : ids) {
      for (int t = 0; t < row.length; t++) {
        row[t] = rng.nextInt(vocab);
      }
    }
    return Nd4j.createFromArray(ids);
  }

  /** Random IO and S token ids below {@code vocab}: int64 [rows, 2]. */
  public static INDArray ioS(int rows, int vocab) {
    return tokenIds(rows, vocab, 7).get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
        org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 2)).dup();
  }

  /** The 2-layer GPT-2's logits circuit, split by head (inputs: the {@code tokens} placeholder). */
  public static Circuit matcherModel(Path dir) {
    return Gpt2Circuit.build(Gpt2Checkpoint.load(tinyGpt2(dir)),
        Gpt2BuildOptions.split(16).withPositionSplit()).logits();
  }

  /** A float64 random [16, 16] array named {@code name}. */
  public static Circuit matrix(String name, long seed) {
    return Array.randn(Shape.of(16, 16), seed, DataType.DOUBLE, name);
  }

  /** {@code (a b) (c + d)}: an einsum with an einsum operand (to flatten) and an add (to distribute). */
  public static Einsum rewritable() {
    Circuit ab = Einsum.fromString("ij,jk->ik", List.of(matrix("a", 0), matrix("b", 1)), "ab");
    Circuit sum = Add.of(List.of(matrix("c", 2), matrix("d", 3)), "c_plus_d");
    return Einsum.fromString("ik,kl->il", List.of(ab, sum), "rewritable");
  }

  /** The toy causal-scrubbing model {@code C = 2 xs[0] + 3 xs[1]} with nodes A and B. */
  public static Circuit toyScrubModel() {
    Array x = Array.wrap(Nd4j.createFromArray(0.0, 0.0), "xs");
    Circuit a = Einsum.scalarMul(Index.of(x, TensorIndex.of(TensorIndex.at(0)), null),
        Scalar.of(2), "A");
    Circuit b = Einsum.scalarMul(Index.of(x, TensorIndex.of(TensorIndex.at(1)), null),
        Scalar.of(3), "B");
    return Add.of(List.of(a, b), "C");
  }

  /** 100 rows of xs in {0, 1}^2 (float64 [100, 2]). */
  public static INDArray toyXs() {
    SplittableRandom rng = new SplittableRandom(3);
    double[][] xs = new double[100][2];
    for (double[] row : xs) {
      row[0] = rng.nextInt(2);
      row[1] = rng.nextInt(2);
    }
    return Nd4j.createFromArray(xs);
  }

  /** The toy model's labels on {@link #toyXs}: {@code 2 x0 + 3 x1} (float64 [100]). */
  public static INDArray toyLabels() {
    INDArray xs = toyXs();
    return xs.getColumn(0).mul(2).add(xs.getColumn(1).mul(3));
  }

  /** The tiny GPT-2 exported as a REMIX model file, its tensors saved under dir/tensors. */
  public static Path modelFile(Path dir) throws IOException {
    Gpt2Weights w = Gpt2Checkpoint.load(tinyGpt2(dir));
    TensorStore store = TensorStore.at(dir.resolve("tensors"));
    String text = Gpt2ModelFile.export(w, Gpt2BuildOptions.Activation.GELU_NEW,
        PrintOptions.defaults().withTensorSink(store::save));
    return Files.writeString(dir.resolve("tiny_gpt2.circ"), text);
  }
}
