package dev.circuits.bench;

import dev.circuits.core.Array;
import dev.circuits.core.Circuit;
import dev.circuits.core.Shape;
import dev.circuits.core.eval.Evaluator;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;
import org.nd4j.linalg.api.blas.params.MMulTranspose;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Times transformer-shaped einsums through the {@link Evaluator} against raw ND4J GEMM into a
 * preallocated buffer on the same float32 data (medians; the evaluator's cache is cleared before
 * each run so it computes); prints one line per case and a last line {@code ratio: X} (GEMM time
 * / default evaluator time for {@code btd,dk->btk}). Run on demand, e.g.
 * {@code OMP_WAIT_POLICY=PASSIVE java -cp ... dev.circuits.bench.EinsumBenchmark} (the
 * environment variable cannot be set from Java; without it OpenMP spin-waiting skews timings).
 */
public final class EinsumBenchmark {
  private static final int WARMUP = 5;
  private static final int REPEATS = 15;

  private EinsumBenchmark() {}

  /** Runs the benchmark from the command line, printing to stdout. */
  public static void main(String[] args) {
    run(System.out);
  }

  /** Runs every case, prints the report to {@code out} and returns it. */
  public static String run(PrintStream out) {
    StringBuilder report = new StringBuilder();
    double ratio = projection(report);
    attentionScores(report);
    report.append(String.format(Locale.ROOT, "ratio: %.2f%n", ratio));
    out.print(report);
    out.flush();
    return report.toString();
  }

  /** {@code btd,dk->btk}: a projection, one [800,768]x[768,2304] GEMM. Returns the ratio. */
  private static double projection(StringBuilder report) {
    Array x = Array.randn(Shape.of(50, 16, 768), 1, null);
    Array w = Array.randn(Shape.of(768, 2304), 2, null);
    Circuit c = x.einsum("btd,dk->btk", w);
    INDArray x2 = x.value().reshape('c', 800, 768);
    INDArray buf = Nd4j.createUninitialized(DataType.FLOAT, 800, 2304);
    double gemm = medianMillis(() -> Nd4j.gemm(x2, w.value(), buf, false, false, 1.0, 0.0));
    double uncached = medianMillis(evaluating(Evaluator.builder().memoryBudgetBytes(0).build(),
        c));
    double ours = medianMillis(evaluating(Evaluator.create(), c));
    report.append(String.format(Locale.ROOT, "btd,dk->btk b=50 t=16 d=768 k=2304: gemm %.2f ms,"
        + " evaluator %.2f ms (default, cache cleared each run), %.2f ms (no cache)%n",
        gemm, ours, uncached));
    return gemm / ours;
  }

  /** {@code bhqd,bhkd->bhqk}: attention scores, a batched [600,16,64]x[600,64,16] GEMM. */
  private static void attentionScores(StringBuilder report) {
    Array q = Array.randn(Shape.of(50, 12, 16, 64), 3, null);
    Array k = Array.randn(Shape.of(50, 12, 16, 64), 4, null);
    Circuit c = q.einsum("bhqd,bhkd->bhqk", k);
    INDArray q3 = q.value().reshape('c', 600, 16, 64);
    INDArray k3 = k.value().reshape('c', 600, 16, 64);
    INDArray buf = Nd4j.createUninitialized(DataType.FLOAT, 600, 16, 16);
    MMulTranspose transB = MMulTranspose.builder().transposeB(true).build();
    double gemm = medianMillis(() -> Nd4j.exec(new Mmul(q3, k3, buf, 1.0, 0.0, transB)));
    double ours = medianMillis(evaluating(Evaluator.create(), c));
    report.append(String.format(Locale.ROOT, "bhqd,bhkd->bhqk b=50 h=12 q=k=16 d=64: batched gemm"
        + " %.2f ms, evaluator %.2f ms (GEMM/evaluator %.2f)%n", gemm, ours, gemm / ours));
  }

  /** One evaluation of {@code c} from an empty cache, closing the result (the caller's). */
  private static Runnable evaluating(Evaluator ev, Circuit c) {
    return () -> {
      ev.clearCache();
      ev.evaluate(c).close();
    };
  }

  private static double medianMillis(Runnable r) {
    for (int i = 0; i < WARMUP; i++) {
      r.run();
    }
    double[] t = new double[REPEATS];
    for (int i = 0; i < REPEATS; i++) {
      long start = System.nanoTime();
      r.run();
      t[i] = (System.nanoTime() - start) / 1e6;
    }
    Arrays.sort(t);
    return t[REPEATS / 2];
  }

}
