package dev.circuits.ioi.claims;

import dev.circuits.gpt2.model.Head;
import dev.circuits.ioi.plot.ColourScale;
import dev.circuits.ioi.plot.Heatmap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Per-head attention scores on sequences of distinct tokens repeated twice (paper App. H/I),
 * {@code [layer][head]}: duplicate (from a token's second occurrence to its first), previous
 * token (from every position after the first token to the one before it) and induction (from a
 * second occurrence to the token after the first occurrence), each a mean attention probability.
 */
public record RepeatScores(double[][] duplicate, double[][] previous, double[][] induction) {
  /** The three score kinds. */
  public enum Kind {
    /** Second occurrence to first occurrence. */
    DUPLICATE("duplicate"),
    /** Position p to p - 1. */
    PREVIOUS("previous-token"),
    /** Second occurrence to the token after the first occurrence. */
    INDUCTION("induction");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    /** The kind's name in reports. */
    public String label() {
      return label;
    }
  }

  /**
   * Scores from {@code patterns} [layers * heads, batch, T, T] of every head in layer-major order
   * on rows start token + {@code length} tokens + the same tokens again (T = 1 + 2 length).
   */
  public static RepeatScores of(INDArray patterns, int layers, int heads, int length) {
    if (patterns.size(0) != (long) layers * heads || patterns.size(2) != 1 + 2L * length) {
      throw new IllegalArgumentException("expected patterns of " + layers * heads + " heads over "
          + (1 + 2 * length) + " positions, got shape "
          + java.util.Arrays.toString(patterns.shape()));
    }
    INDArray mean = patterns.castTo(DataType.DOUBLE).mean(1); // [heads, T, T]
    double[][] dup = new double[layers][heads];
    double[][] prev = new double[layers][heads];
    double[][] ind = new double[layers][heads];
    for (int l = 0; l < layers; l++) {
      for (int h = 0; h < heads; h++) {
        long i = (long) l * heads + h;
        double d = 0;
        double n = 0;
        for (int q = 1 + length; q <= 2 * length; q++) {
          d += mean.getDouble(i, q, q - length);
          n += mean.getDouble(i, q, q - length + 1);
        }
        double p = 0;
        for (int q = 2; q <= 2 * length; q++) {
          p += mean.getDouble(i, q, q - 1);
        }
        dup[l][h] = d / length;
        ind[l][h] = n / length;
        prev[l][h] = p / (2 * length - 1);
      }
    }
    return new RepeatScores(dup, prev, ind);
  }

  /** The [layer][head] matrix of {@code kind}. */
  public double[][] matrix(Kind kind) {
    return switch (kind) {
      case DUPLICATE -> duplicate;
      case PREVIOUS -> previous;
      case INDUCTION -> induction;
    };
  }

  /** The score of {@code kind} of head {@code h}. */
  public double score(Kind kind, Head h) {
    return matrix(kind)[h.layer()][h.head()];
  }

  /** The {@code count} heads with the highest {@code kind} score, highest first. */
  public List<Head> top(Kind kind, int count) {
    List<Head> all = new ArrayList<>();
    double[][] m = matrix(kind);
    for (int l = 0; l < m.length; l++) {
      for (int h = 0; h < m[l].length; h++) {
        all.add(new Head(l, h));
      }
    }
    all.sort(Comparator.comparingDouble((Head h) -> -score(kind, h)));
    return all.subList(0, Math.min(count, all.size()));
  }

  /** The [layer][head] matrix of {@code kind} as a white-to-blue heatmap over [0, 1]. */
  public Heatmap heatmap(Kind kind, String title) {
    double[][] m = matrix(kind);
    List<String> rows = new ArrayList<>();
    for (int l = 0; l < m.length; l++) {
      rows.add(String.valueOf(l));
    }
    List<String> cols = new ArrayList<>();
    for (int h = 0; h < m[0].length; h++) {
      cols.add("h" + h);
    }
    return new Heatmap(title, rows, cols, m, "Head", "Layer", kind.label() + " score",
        ColourScale.WHITE_BLUE, 0, 1);
  }
}
