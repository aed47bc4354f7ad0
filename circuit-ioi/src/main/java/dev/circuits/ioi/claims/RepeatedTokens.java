package dev.circuits.ioi.claims;

import java.util.Arrays;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Seeded token batches for the tests outside IOI. Every row starts with {@code <|endoftext|>}
 * and otherwise holds distinct tokens of a {@link RepeatVocabulary}, so the only repeats are the
 * planted ones. Example: {@code RepeatedTokens.twice(vocab, 20, 40, 1)} is [20][81].
 */
public final class RepeatedTokens {
  private RepeatedTokens() {}

  /** [batch][1 + 2 length]: start token, {@code length} distinct tokens, the same tokens again. */
  public static int[][] twice(RepeatVocabulary vocab, int batch, int length, long seed) {
    requireDistinct(vocab, length);
    Random rnd = new Random(seed);
    int[][] out = new int[batch][];
    for (int b = 0; b < batch; b++) {
      int[] draw = distinct(vocab, length, -1, rnd);
      int[] row = new int[1 + 2 * length];
      row[0] = RepeatVocabulary.END_OF_TEXT;
      System.arraycopy(draw, 0, row, 1, length);
      System.arraycopy(draw, 0, row, 1 + length, length);
      out[b] = row;
    }
    return out;
  }

  /**
   * [batch][width]: start token and distinct filler tokens, except that positions {@code first}
   * and {@code first + distance} both hold {@code token}; a negative {@code token} draws a
   * different vocabulary token per row.
   */
  public static int[][] duplicatedOnce(RepeatVocabulary vocab, int batch, int width, int first,
      int distance, int token, long seed) {
    if (first < 1 || distance < 1 || first + distance >= width) {
      throw new IllegalArgumentException("need 1 <= first (after the start token), distance >= 1 "
          + "and first + distance < width, got first " + first + ", distance " + distance
          + ", width " + width);
    }
    requireDistinct(vocab, width - 2);
    Random rnd = new Random(seed);
    int[][] out = new int[batch][];
    for (int b = 0; b < batch; b++) {
      int[] draw = distinct(vocab, width - 2, token, rnd); // the repeated token and the fillers
      int repeated = token >= 0 ? token : draw[0];
      int[] row = new int[width];
      row[0] = RepeatVocabulary.END_OF_TEXT;
      int next = token >= 0 ? 0 : 1;
      for (int p = 1; p < width; p++) {
        row[p] = p == first || p == first + distance ? repeated : draw[next++];
      }
      out[b] = row;
    }
    return out;
  }

  /** The rows as an int64 [batch, width] array (rows must have equal widths). */
  public static INDArray toArray(int[][] rows) {
    long[][] out = new long[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      out[i] = Arrays.stream(rows[i]).asLongStream().toArray();
    }
    return Nd4j.createFromArray(out);
  }

  /** {@code count} distinct vocabulary tokens in random order, none equal to {@code except}. */
  private static int[] distinct(RepeatVocabulary vocab, int count, int except, Random rnd) {
    int[] pool = Arrays.stream(vocab.ids()).filter(t -> t != except).toArray();
    for (int i = 0; i < count; i++) { // partial Fisher-Yates
      int j = i + rnd.nextInt(pool.length - i);
      int t = pool[i];
      pool[i] = pool[j];
      pool[j] = t;
    }
    return Arrays.copyOf(pool, count);
  }

  private static void requireDistinct(RepeatVocabulary vocab, int count) {
    if (count > vocab.size() - 1) {
      throw new IllegalArgumentException("cannot draw " + count + " distinct tokens from "
          + vocab.description() + " (" + vocab.size() + " tokens)");
    }
  }
}
