package dev.circuits.ioi.claims;

import dev.circuits.gpt2.model.Head;
import dev.circuits.gpt2.model.Gpt2Config;
import dev.circuits.gpt2.sweep.ForwardRun;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Runs of the model outside IOI, on seeded random-token batches (claims 4 and 5), memoised in
 * the claim context: the vocabulary, the repeated-twice batch and every head's scores on it.
 */
public final class RandomTokenRuns {
  /** Sequences per batch. */
  public static final int BATCH = 20;
  /** Distinct tokens before the repeat (the paper uses 100; 40 keeps GPT-2 small cheap). */
  public static final int LENGTH = 40;
  /** Seed of the repeated-twice batch. */
  public static final long SEED = 5;

  private RandomTokenRuns() {}

  /** The vocabulary the batches draw from (names on the planted model). */
  public static RepeatVocabulary vocabulary(ClaimContext ctx) {
    return RepeatVocabulary.forModel(ctx.weights().config());
  }

  /**
   * The fast engine's forward run of {@code rows} (every position) through {@code layers} layers,
   * memoised per batch.
   */
  public static ForwardRun run(ClaimContext ctx, int[][] rows, int layers) {
    return run(ctx, rows, rows[0].length - 1, layers);
  }

  /** As {@link #run(ClaimContext, int[][], int)} over positions {@code 0..lastRow} only. */
  public static ForwardRun run(ClaimContext ctx, int[][] rows, int lastRow, int layers) {
    return ctx.run("random tokens " + lastRow + " " + java.util.Arrays.deepToString(rows),
        () -> RepeatedTokens.toArray(rows), lastRow, layers);
  }

  /** {@link #BATCH} rows of {@link #LENGTH} distinct tokens repeated twice. */
  public static int[][] repeated(ClaimContext ctx) {
    return ctx.memo("repeated tokens", () -> RepeatedTokens.twice(vocabulary(ctx), BATCH,
        LENGTH, SEED));
  }

  /**
   * Attention patterns [heads, batch, q, q] of {@code heads} on {@code rows}, for queries (and
   * so keys) up to position {@code lastRow}: later positions cannot change them.
   */
  public static INDArray attention(ClaimContext ctx, List<Head> heads, int[][] rows,
      int lastRow) {
    return run(ctx, rows, lastRow, Heads.layersFor(heads)).attention(heads, false);
  }

  /** Attention patterns [heads, batch, T, T] of {@code heads} on {@code rows}. */
  public static INDArray attention(ClaimContext ctx, List<Head> heads, int[][] rows) {
    return run(ctx, rows, Heads.layersFor(heads)).attention(heads, false);
  }

  /** Every head's duplicate, previous-token and induction score on {@link #repeated}. */
  public static RepeatScores scores(ClaimContext ctx) {
    return ctx.memo("repeat scores", () -> {
      Gpt2Config cfg = ctx.weights().config();
      List<Head> all = new ArrayList<>();
      for (int l = 0; l < cfg.nLayer(); l++) {
        for (int h = 0; h < cfg.nHead(); h++) {
          all.add(new Head(l, h));
        }
      }
      return RepeatScores.of(attention(ctx, all, repeated(ctx)), cfg.nLayer(), cfg.nHead(),
          LENGTH);
    });
  }
}
