package dev.circuits.bench;

import dev.circuits.core.Circuit;
import dev.circuits.core.eval.Evaluator;
import dev.circuits.gpt2.model.Gpt2BuildOptions;
import dev.circuits.gpt2.model.Gpt2Circuit;
import dev.circuits.gpt2.model.Gpt2Config;
import dev.circuits.gpt2.model.Gpt2Weights;
import dev.circuits.gpt2.model.RandomGpt2;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Times one forward pass of GPT-2 (the fused circuit, {@value #PROMPTS} prompts of
 * {@value #SEQ_LEN} tokens, logits at the last position only) through the {@link Evaluator},
 * counts its matrix-multiply FLOPs, and compares the achieved GFLOP/s with this machine's GEMM
 * GFLOP/s ({@code [800,768] x [768,3072]}, the forward's dominant shape, into a preallocated
 * buffer). Both are medians after warm-up, and the GEMM is sampled between the forward passes so
 * that a load change on a shared machine affects both alike. Last line {@code ratio: X} =
 * achieved / GEMM. Run on demand ({@code circuits bench forward}).
 */
public final class ForwardBenchmark {
  /** Prompts per forward pass. */
  public static final int PROMPTS = 50;
  /** Tokens per prompt. */
  public static final int SEQ_LEN = 16;
  private static final int WARMUP = 2;
  private static final int RUNS = 5;
  private static final int GEMMS_PER_SAMPLE = 5;

  private ForwardBenchmark() {}

  /** Runs on random GPT-2-small-shaped weights, printing to stdout. */
  public static void main(String[] args) {
    Gpt2Config cfg = Gpt2Config.small();
    run(System.out, Gpt2Weights.fromHuggingFace(cfg, RandomGpt2.stateDict(cfg, 0),
        "random GPT-2 small"));
  }

  /** Runs on {@code weights}; prints the report to {@code out} and returns it. */
  public static String run(PrintStream out, Gpt2Weights weights) {
    Gpt2Config cfg = weights.config();
    Gpt2Circuit model = Gpt2Circuit.build(weights, Gpt2BuildOptions.fused(SEQ_LEN));
    Circuit forward = model.withTokens(model.logitsAt(SEQ_LEN - 1), tokens(cfg.vocabSize(),
        PROMPTS, SEQ_LEN));
    forward.hash(); // hashing the weights is set-up, not evaluation
    double flops = forwardFlops(cfg, PROMPTS, SEQ_LEN);
    // No cross-call cache: it would keep every value alive, so new buffers would land on fresh
    // pages (slow on these VMs) instead of reusing freed ones.
    Evaluator evaluator = Evaluator.builder().memoryBudgetBytes(0).build();
    Gemm gemmRef = new Gemm();
    for (int i = 0; i < WARMUP; i++) { // JIT compilation and first-touch memory
      evaluator.evaluate(forward).close();
      gemmRef.sample(GEMMS_PER_SAMPLE);
    }
    double[] ms = new double[RUNS];
    double[] gemmMs = new double[RUNS * GEMMS_PER_SAMPLE];
    for (int i = 0; i < RUNS; i++) {
      long start = System.nanoTime();
      evaluator.evaluate(forward).close();
      ms[i] = (System.nanoTime() - start) / 1e6;
      System.arraycopy(gemmRef.sample(GEMMS_PER_SAMPLE), 0, gemmMs, i * GEMMS_PER_SAMPLE,
          GEMMS_PER_SAMPLE);
    }
    gemmRef.close();
    double forwardMs = median(ms);
    double gemm = Gemm.FLOPS / median(gemmMs) / 1e6;
    double achieved = flops / forwardMs / 1e6;
    StringBuilder r = new StringBuilder();
    r.append(String.format(Locale.ROOT, "forward: %d layers, %d heads, d=%d, vocab %d; %d prompts"
        + " x %d tokens, logits at the last position only%n", cfg.nLayer(), cfg.nHead(),
        cfg.nEmbd(), cfg.vocabSize(), PROMPTS, SEQ_LEN));
    r.append(String.format(Locale.ROOT, "FLOPs (matrix multiplies): %.1f GFLOP%n", flops / 1e9));
    r.append(String.format(Locale.ROOT, "time: %.0f ms (median of %s ms)%n", forwardMs,
        Arrays.toString(Arrays.stream(ms).mapToLong(Math::round).toArray())));
    r.append(String.format(Locale.ROOT, "achieved: %.1f GFLOP/s%n", achieved));
    r.append(String.format(Locale.ROOT, "GEMM on this machine: %.1f GFLOP/s ([800,768] x "
        + "[768,3072] into a preallocated buffer; median of %d, sampled between the forwards)%n",
        gemm, gemmMs.length));
    r.append(String.format(Locale.ROOT, "ratio: %.2f%n", achieved / gemm));
    out.print(r);
    out.flush();
    return r.toString();
  }

  /**
   * The median wall time of {@code runs} forward passes (after one warm-up) of the fused circuit
   * on {@code batch} random prompts of {@code seq} tokens, logits at the last position: the unit
   * other benchmarks express their times in.
   */
  public static double medianForwardSeconds(Gpt2Weights weights, int batch, int seq, int runs) {
    Gpt2Circuit model = Gpt2Circuit.build(weights, Gpt2BuildOptions.fused(seq));
    Circuit forward = model.withTokens(model.logitsAt(seq - 1),
        tokens(weights.config().vocabSize(), batch, seq));
    forward.hash();
    Evaluator evaluator = Evaluator.builder().memoryBudgetBytes(0).build();
    evaluator.evaluate(forward).close();
    double[] s = new double[runs];
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      evaluator.evaluate(forward).close();
      s[i] = (System.nanoTime() - start) / 1e9;
    }
    return median(s);
  }

  /**
   * Multiply-add FLOPs of a GPT-2 forward on {@code batch x seq} tokens with the unembedding at
   * one position: q/k/v/output projections, attention scores and mixing, the MLP, the unembedding.
   */
  public static double forwardFlops(Gpt2Config cfg, int batch, int seq) {
    double tokens = (double) batch * seq;
    double d = cfg.nEmbd();
    double perLayer = 2 * tokens * d * 3 * d // q, k, v
        + 2 * 2 * batch * (double) cfg.nHead() * seq * seq * cfg.dHead() // scores, mixing
        + 2 * tokens * d * d // output projection
        + 2 * 2 * tokens * d * 4 * d; // MLP in and out
    return cfg.nLayer() * perLayer + 2.0 * batch * d * cfg.vocabSize();
  }

  /** The reference GEMM: {@code [800,768] x [768,3072]} into a preallocated buffer. */
  private static final class Gemm implements AutoCloseable {
    static final double FLOPS = 2.0 * 800 * 768 * 3072;
    private final INDArray a = Nd4j.rand(DataType.FLOAT, 800, 768);
    private final INDArray b = Nd4j.rand(DataType.FLOAT, 768, 3072);
    private final INDArray c = Nd4j.createUninitialized(DataType.FLOAT, 800, 3072);

    /** Milliseconds of {@code n} consecutive GEMMs. */
    double[] sample(int n) {
      double[] ms = new double[n];
      for (int i = 0; i < n; i++) {
        long start = System.nanoTime();
        Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
        ms[i] = (System.nanoTime() - start) / 1e6;
      }
      return ms;
    }

    @Override
    public void close() {
      a.close();
      b.close();
      c.close();
    }
  }

  private static INDArray tokens(int vocab, int batch, int seq) {
    SplittableRandom r = new SplittableRandom(1);
    long[][] ids = new long[batch][seq];
    for (long[] row : ids) {
      for (int t = 0; t < seq; t++) {
        row[t] = r.nextInt(vocab);
      }
    }
    return Nd4j.createFromArray(ids);
  }

  private static double median(double[] xs) {
    double[] s = xs.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }
}
