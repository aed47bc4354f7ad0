package dev.circuits.ioi.claims;

import dev.circuits.ioi.plot.ColourScale;
import dev.circuits.ioi.plot.Heatmap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Tables and heatmaps of {@link NameAttention} under several conditions (clean, patched, ...). */
final class NameAttentionFigures {
  private NameAttentionFigures() {}

  /**
   * Adds a table (one row per head and condition, plus each condition's mean) and a heatmap of
   * the same numbers to {@code r}; {@code byCondition} maps a condition's label to its heads.
   */
  static void add(ClaimReport r, String name, String title, String caption,
      Map<String, List<NameAttention>> byCondition) {
    Map<String, NameAttention> rows = new LinkedHashMap<>();
    for (Map.Entry<String, List<NameAttention>> c : byCondition.entrySet()) {
      List<NameAttention> heads = c.getValue();
      for (NameAttention a : heads) {
        rows.put(a.label() + " " + c.getKey(), a);
      }
      if (heads.size() > 1) {
        rows.put("mean " + c.getKey(), NameAttention.mean(heads));
      }
    }
    List<List<String>> table = new ArrayList<>();
    double[][] values = new double[rows.size()][];
    int i = 0;
    for (Map.Entry<String, NameAttention> e : rows.entrySet()) {
      NameAttention a = e.getValue();
      table.add(List.of(e.getKey(), Part3Claim.fmt(a.io()), Part3Claim.fmt(a.s1()),
          Part3Claim.fmt(a.s2())));
      values[i++] = new double[] {a.io(), a.s1(), a.s2()};
    }
    r.table(title + " (mean over prompts)", List.of("head, condition", "END->IO", "END->S1",
        "END->S2"), table);
    r.heatmap(name, new Heatmap(title, List.copyOf(rows.keySet()), List.of("IO", "S1", "S2"),
        values, "Key (name)", "Head, condition", "Attention", ColourScale.WHITE_BLUE, 0, 1),
        caption);
  }
}
