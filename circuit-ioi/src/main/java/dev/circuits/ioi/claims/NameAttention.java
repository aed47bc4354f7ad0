package dev.circuits.ioi.claims;

import dev.circuits.core.eval.Evaluator;
import dev.circuits.core.match.IterativeMatcher;
import dev.circuits.core.match.Matcher;
import dev.circuits.gpt2.model.AttentionPatterns.Head;
import dev.circuits.gpt2.model.Channel;
import dev.circuits.gpt2.model.NodeSpec;
import dev.circuits.ioi.experiments.IoiPatchSetup;
import dev.circuits.ioi.experiments.PatchedRun;
import dev.circuits.scrubbing.patching.DirectPaths;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A head's (or, labelled "mean", a group's) mean attention from END to the three names (IO, S1,
 * S2) of the baseline, read from its {@code a.attn_probs} on its direct path to the logits inside
 * a patched run, so that what a patch does to the head's attention is seen, not only its effect
 * on the logits.
 */
record NameAttention(String label, double io, double s1, double s2) {
  /** Exclusive depth of {@code a.attn_probs} below a position node (index, head, comb_v). */
  private static final int PROBS_DEPTH = 4;

  /** The attention of each of {@code heads} at END in {@code run}. */
  static List<NameAttention> read(PatchedRun run, List<Head> heads, Evaluator evaluator) {
    IoiPatchSetup setup = run.setup();
    int end = setup.position("END");
    List<NameAttention> out = new ArrayList<>();
    for (Head h : heads) {
      IterativeMatcher probs = directPaths(List.of(h), end).chain(IterativeMatcher.restrict(
          Matcher.named("a.attn_probs"), true, null, PROBS_DEPTH, null));
      INDArray p = run.node(probs, evaluator); // [N, query, key]
      out.add(new NameAttention(Heads.label(h), mean(p, end, setup.position("IO")),
          mean(p, end, setup.position("S1")), mean(p, end, setup.position("S2"))));
    }
    return out;
  }

  /** The direct paths from the logits to {@code heads} at position {@code pos}. */
  static IterativeMatcher directPaths(List<Head> heads, int pos) {
    List<String> names = heads.stream()
        .map(h -> NodeSpec.head(h.layer(), h.head(), pos).toName()).toList();
    return DirectPaths.extendMatcher(names, true, true, Channel.ALL)
        .extend(IterativeMatcher.corrRootMatcher());
  }

  /** The head-by-head mean of {@code all}, labelled "mean". */
  static NameAttention mean(List<NameAttention> all) {
    double io = 0;
    double s1 = 0;
    double s2 = 0;
    for (NameAttention a : all) {
      io += a.io;
      s1 += a.s1;
      s2 += a.s2;
    }
    int n = Math.max(1, all.size());
    return new NameAttention("mean", io / n, s1 / n, s2 / n);
  }

  private static double mean(INDArray probs, int query, int key) {
    return probs.get(NDArrayIndex.all(), NDArrayIndex.point(query), NDArrayIndex.point(key))
        .meanNumber().doubleValue();
  }
}
