package dev.circuits.ioi.claims;

import dev.circuits.gpt2.model.Head;
import dev.circuits.gpt2.sweep.ForwardRun;
import dev.circuits.ioi.IoiTokenizers;
import dev.circuits.ioi.plot.ScatterPlot;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Claim 4's tests of the duplicate-detecting heads H outside IOI: per-head duplicate,
 * previous-token and induction scores on random tokens repeated twice, a PCA of H's outputs on
 * first vs repeated tokens with a held-out separation score, duplicated common words, and the
 * dependence on the distance between the two occurrences.
 */
final class DuplicationOutsideIoi {
  /** Common words duplicated outside IOI. */
  static final List<String> COMMON_WORDS = List.of(" the", " to");
  /** Distances between the two occurrences in the distance study. */
  static final int[] DISTANCES = {2, 3, 4, 6, 8, 12, 16, 24, 32, 48};
  /** Position of the first occurrence in the common-word and distance batches. */
  static final int FIRST = 3;
  /** Distance between the occurrences of a duplicated common word. */
  static final int WORD_DISTANCE = 10;
  private static final int TOP = 5;

  private DuplicationOutsideIoi() {}

  static void scores(ClaimContext ctx, ClaimReport r, DuplicateHeads dh,
      RepeatScores s) {
    RepeatVocabulary vocab = RandomTokenRuns.vocabulary(ctx);
    r.text("Outside IOI: %d sequences of %d distinct tokens drawn from %s, repeated twice "
        + "(after <|endoftext|>, seed %d).", RandomTokenRuns.BATCH, RandomTokenRuns.LENGTH,
        vocab.description(), RandomTokenRuns.SEED);
    List<List<String>> rows = new ArrayList<>();
    for (RepeatScores.Kind kind : RepeatScores.Kind.values()) {
      r.heatmap("repeat-" + kind.label(), s.heatmap(kind, kind.label() + " score"), "Mean "
          + kind.label() + " attention of every head on the repeated random tokens.");
      List<String> top = s.top(kind, TOP).stream().map(h -> String.format(Locale.ROOT,
          "%s (%.2f)", Heads.label(h), s.score(kind, h))).toList();
      rows.add(List.of(kind.label(), String.join(", ", top),
          Heads.labels(ctx.expected().heads(roleOf(kind)))));
    }
    r.table("Top " + TOP + " heads per score (paper App. H/I: 4.11 and 2.2 lead the previous-"
        + "token scores, 5.5 and 6.9 are in the top 5 induction scores, 3.0 and 0.1 in the top 3 "
        + "duplicate scores)", List.of("score", "top heads", "expected"), rows);
    if (dh.any()) {
      List<List<String>> hRows = new ArrayList<>();
      for (Head h : dh.found()) {
        hRows.add(List.of(Heads.label(h), dh.classOf(h),
            fmt(s.score(RepeatScores.Kind.DUPLICATE, h)),
            fmt(s.score(RepeatScores.Kind.PREVIOUS, h)),
            fmt(s.score(RepeatScores.Kind.INDUCTION, h))));
      }
      r.table("Scores of H's heads on the repeated random tokens", List.of("head",
          "class in IOI", "duplicate", "previous-token", "induction"), hRows);
    }
  }

  static Separation pca(ClaimContext ctx, ClaimReport r, DuplicateHeads dh) {
    int[][] rows = RandomTokenRuns.repeated(ctx);
    ForwardRun run = RandomTokenRuns.run(ctx, rows, Heads.layersFor(dh.found()));
    List<INDArray> outputs = dh.found().stream()
        .map(h -> run.headOutput(h.layer(), h.head()).castTo(DataType.DOUBLE)).toList();
    INDArray sum = outputs.get(0).dup();
    for (int i = 1; i < outputs.size(); i++) {
      sum.addi(outputs.get(i));
    }
    int length = RandomTokenRuns.LENGTH;
    int[] first = range(1, length + 1);
    int[] second = range(length + 1, 2 * length + 1);
    int[] all = range(0, rows.length);
    double[][] plain = HeadOutputs.rows(sum, all, first);
    double[][] dup = HeadOutputs.rows(sum, all, second);
    double[][] both = new double[plain.length + dup.length][];
    System.arraycopy(plain, 0, both, 0, plain.length);
    System.arraycopy(dup, 0, both, plain.length, dup.length);
    Pca p = Pca.of(both);
    r.figure("pca-h-outputs", new ScatterPlot("Sum of H's outputs (" + Heads.labels(dh.found())
        + "), PCA", String.format(Locale.ROOT, "PC1 (%.0f%% of variance)", 100 * p.explained()[0]),
        String.format(Locale.ROOT, "PC2 (%.0f%%)", 100 * p.explained()[1]), List.of(
            series("first occurrence", p, 0, plain.length),
            series("second occurrence (duplicate)", p, plain.length, both.length))),
        "The summed output of H at every position of the repeated random sequences, projected on "
            + "its two principal components; colour = whether the token occurred before.");
    Separation sep = separation(sum, rows.length, first, second);
    List<List<String>> table = new ArrayList<>();
    table.add(List.of("H (sum)", fmt(sep.accuracy()), fmt(sep.dPrime())));
    for (int i = 0; i < dh.found().size() && dh.found().size() > 1; i++) {
      Separation s = separation(outputs.get(i), rows.length, first, second);
      table.add(List.of(Heads.label(dh.found().get(i)), fmt(s.accuracy()), fmt(s.dPrime())));
    }
    r.table("Duplicated vs first-occurrence tokens from H's outputs: nearest-centroid accuracy "
        + "and d' on held-out sequences (centroids from the even sequences, scored on the odd "
        + "ones)", List.of("output", "accuracy", "d'"), table);
    return sep;
  }

  private static Separation separation(INDArray outputs, int batch, int[] first, int[] second) {
    int[] even = java.util.stream.IntStream.range(0, batch).filter(b -> b % 2 == 0).toArray();
    int[] odd = java.util.stream.IntStream.range(0, batch).filter(b -> b % 2 == 1).toArray();
    return Separation.of(HeadOutputs.rows(outputs, even, second),
        HeadOutputs.rows(outputs, even, first), HeadOutputs.rows(outputs, odd, second),
        HeadOutputs.rows(outputs, odd, first));
  }

  static void commonWords(ClaimContext ctx, ClaimReport r, DuplicateHeads dh) {
    RepeatVocabulary vocab = RandomTokenRuns.vocabulary(ctx);
    int width = FIRST + DISTANCES[DISTANCES.length - 1] + 1;
    List<String> header = new ArrayList<>(List.of("head", "class in IOI"));
    List<int[][]> batches = new ArrayList<>();
    header.add("random vocabulary token");
    batches.add(RepeatedTokens.duplicatedOnce(vocab, RandomTokenRuns.BATCH, width, FIRST,
        WORD_DISTANCE, -1, RandomTokenRuns.SEED + 1));
    for (String w : COMMON_WORDS) {
      int[] ids = IoiTokenizers.gpt2().encode(w);
      header.add("\"" + w.strip() + "\"");
      batches.add(RepeatedTokens.duplicatedOnce(vocab, RandomTokenRuns.BATCH, width, FIRST,
          WORD_DISTANCE, ids[0], RandomTokenRuns.SEED + 1));
    }
    List<List<String>> rows = new ArrayList<>();
    List<INDArray> patterns = batches.stream()
        .map(b -> RandomTokenRuns.attention(ctx, dh.found(), b, FIRST + WORD_DISTANCE)).toList();
    int second = FIRST + WORD_DISTANCE;
    for (int i = 0; i < dh.found().size(); i++) {
      Head h = dh.found().get(i);
      List<String> row = new ArrayList<>(List.of(Heads.label(h), dh.classOf(h)));
      for (INDArray p : patterns) {
        row.add(fmt(DuplicateHeads.mean(p, i, second, FIRST)) + " / "
            + fmt(DuplicateHeads.mean(p, i, second, FIRST + 1)));
      }
      rows.add(row);
    }
    r.table(String.format(Locale.ROOT, "Attention of H from the second occurrence to the first "
        + "/ to the token after the first (occurrences at %d and %d, fillers from %s)", FIRST,
        second, vocab.description()), header, rows);
  }

  static void distances(ClaimContext ctx, ClaimReport r, DuplicateHeads dh) {
    RepeatVocabulary vocab = RandomTokenRuns.vocabulary(ctx);
    int width = FIRST + DISTANCES[DISTANCES.length - 1] + 1;
    List<String> header = new ArrayList<>(List.of("distance"));
    dh.found().forEach(h -> header.add(Heads.label(h) + " (" + scoreName(dh, h) + ")"));
    List<List<String>> rows = new ArrayList<>();
    for (int d : DISTANCES) {
      INDArray p = RandomTokenRuns.attention(ctx, dh.found(), RepeatedTokens.duplicatedOnce(
          vocab, RandomTokenRuns.BATCH, width, FIRST, d, -1, RandomTokenRuns.SEED + 2 + d),
          FIRST + d);
      List<String> row = new ArrayList<>(List.of(String.valueOf(d)));
      for (int i = 0; i < dh.found().size(); i++) {
        int key = dh.induction().contains(dh.found().get(i)) ? FIRST + 1 : FIRST;
        row.add(fmt(DuplicateHeads.mean(p, i, FIRST + d, key)));
      }
      rows.add(row);
    }
    r.table("Dependence on the distance between the two occurrences: attention from the second "
        + "occurrence to the first (duplicate) or to the token after it (induction)", header,
        rows);
  }

  private static IoiRole roleOf(RepeatScores.Kind kind) {
    return switch (kind) {
      case DUPLICATE -> IoiRole.DUPLICATE_TOKEN;
      case PREVIOUS -> IoiRole.PREVIOUS_TOKEN;
      case INDUCTION -> IoiRole.INDUCTION;
    };
  }

  private static String scoreName(DuplicateHeads dh, Head h) {
    return dh.induction().contains(h) ? "induction" : "duplicate";
  }

  private static ScatterPlot.Series series(String name, Pca p, int from, int to) {
    double[] x = new double[to - from];
    double[] y = new double[to - from];
    for (int i = from; i < to; i++) {
      x[i - from] = p.coordinates()[i][0];
      y[i - from] = p.coordinates()[i][1];
    }
    return new ScatterPlot.Series(name, x, y);
  }

  private static int[] range(int from, int to) {
    return java.util.stream.IntStream.range(from, to).toArray();
  }

  private static String fmt(double v) {
    return Part3Claim.fmt(v);
  }
}
