package dev.circuits.ioi.claims;

import dev.circuits.gpt2.model.Head;
import dev.circuits.gpt2.sweep.ForwardRun;
import dev.circuits.ioi.experiments.IoiPatchSetup;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A head's (or, labelled "mean", a group's) mean attention from END to the three names (IO, S1,
 * S2) of the baseline, in a run where something was patched, so that what a patch does to the
 * head's attention is seen, not only its effect on the logits.
 */
record NameAttention(String label, double io, double s1, double s2) {
  /** The attention of each of {@code heads} at END in {@code run} (a run of the baseline). */
  static List<NameAttention> read(ForwardRun run, List<Head> heads, IoiPatchSetup setup) {
    int end = setup.position("END");
    List<NameAttention> out = new ArrayList<>();
    for (Head h : heads) {
      INDArray p = run.attention(h.layer(), h.head());
      out.add(of(Heads.label(h), p.get(NDArrayIndex.all(), NDArrayIndex.point(end),
          NDArrayIndex.all()), setup));
    }
    return out;
  }

  /** The attention of {@code label}'s END row ({@code probs} [N, key]) to IO, S1 and S2. */
  static NameAttention of(String label, INDArray probs, IoiPatchSetup setup) {
    return new NameAttention(label, mean(probs, setup.position("IO")),
        mean(probs, setup.position("S1")), mean(probs, setup.position("S2")));
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

  private static double mean(INDArray probs, int key) {
    return probs.get(NDArrayIndex.all(), NDArrayIndex.point(key)).meanNumber().doubleValue();
  }
}
