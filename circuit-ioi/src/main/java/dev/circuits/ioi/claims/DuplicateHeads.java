package dev.circuits.ioi.claims;

import dev.circuits.gpt2.model.Head;
import dev.circuits.gpt2.model.Channel;
import dev.circuits.ioi.IoiDataset;
import dev.circuits.ioi.experiments.PatchSweep;
import dev.circuits.ioi.experiments.SweepMatrix;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The heads at S2 that the S-inhibition heads read (claim 4, shared with claim 5): H = senders at
 * S2 whose paths into the S-inhibition heads at END through {@code channel}, patched from ABC
 * (S1 replaced, so S2 is no longer a repeat), lower the logit difference; H split by where each
 * head attends from S2: to S1 (duplicate-token heads) or to S1+1 (induction heads).
 */
public record DuplicateHeads(List<Head> sInhibition, Channel channel, SweepMatrix sweep,
    List<Head> found, Map<Head, AttentionAtS2> attention, List<Head> duplicate,
    List<Head> induction, List<Head> other) {
  /** The patch dataset: S1 replaced by a third name, so the name at S2 is not a repeat. */
  public static final String PATCH = "abc";
  /** A head belongs to a class when its mean attention to that key is at least this. */
  public static final double MIN_ATTENTION = 0.3;

  /** Mean attention probabilities of one head from S2 to S1 and to S1+1. */
  public record AttentionAtS2(double toS1, double toS1Plus1) {}

  /** Copies the collections. */
  public DuplicateHeads {
    sInhibition = List.copyOf(sInhibition);
    found = List.copyOf(found);
    attention = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attention));
    duplicate = List.copyOf(duplicate);
    induction = List.copyOf(induction);
    other = List.copyOf(other);
  }

  /** Finds H through {@code channel} of {@code ctx}'s S-inhibition heads (memoised). */
  public static DuplicateHeads find(ClaimContext ctx, Channel channel) {
    return ctx.memo("duplicate heads " + channel, () -> compute(ctx, channel));
  }

  /** The sweep behind H: senders at S2 into {@code receivers} at END through {@code channel}. */
  public static SweepMatrix sweep(ClaimContext ctx, List<Head> receivers, Channel channel) {
    return ctx.sweep(PATCH, PatchSweep.Spec.into(receivers, channel, "S2"));
  }

  private static DuplicateHeads compute(ClaimContext ctx, Channel channel) {
    List<Head> sin = ctx.sInhibition();
    if (sin.isEmpty()) {
      return new DuplicateHeads(sin, channel, null, List.of(), Map.of(), List.of(), List.of(),
          List.of());
    }
    SweepMatrix m = sweep(ctx, sin, channel);
    List<Head> found = ctx.strongest(m, Heads.Sign.NEGATIVE);
    Map<Head, AttentionAtS2> att = attentionAtS2(ctx, found);
    List<Head> dup = new ArrayList<>();
    List<Head> ind = new ArrayList<>();
    List<Head> other = new ArrayList<>();
    for (Head h : found) {
      AttentionAtS2 a = att.get(h);
      if (a.toS1() >= MIN_ATTENTION && a.toS1() >= a.toS1Plus1()) {
        dup.add(h);
      } else if (a.toS1Plus1() >= MIN_ATTENTION) {
        ind.add(h);
      } else {
        other.add(h);
      }
    }
    return new DuplicateHeads(sin, channel, m, found, att, dup, ind, other);
  }

  /** Mean attention of each head from S2 to S1 and to S1+1 on the baseline. */
  public static Map<Head, AttentionAtS2> attentionAtS2(ClaimContext ctx, List<Head> heads) {
    Map<Head, AttentionAtS2> out = new LinkedHashMap<>();
    if (heads.isEmpty()) {
      return out;
    }
    IoiDataset ds = ctx.baseline();
    INDArray p = ctx.attention(heads, ds, false);
    int s2 = ds.alignedPosition("S2");
    int s1 = ds.alignedPosition("S1");
    int s1Next = ds.alignedPosition("S1+1");
    for (int i = 0; i < heads.size(); i++) {
      out.put(heads.get(i), new AttentionAtS2(mean(p, i, s2, s1), mean(p, i, s2, s1Next)));
    }
    return out;
  }

  /** Whether H was found (there were S-inhibition heads and some sender passed the thresholds). */
  public boolean any() {
    return !found.isEmpty();
  }

  /** The share of H's total |effect| carried by its duplicate-token and induction heads. */
  public double classifiedShare() {
    double all = 0;
    double classified = 0;
    for (Head h : found) {
      double v = Math.abs(sweep.value(Heads.label(h)));
      all += v;
      if (duplicate.contains(h) || induction.contains(h)) {
        classified += v;
      }
    }
    return all > 0 ? classified / all : 0;
  }

  /** "duplicate-token", "induction" or "other" for a head of H. */
  public String classOf(Head h) {
    return duplicate.contains(h) ? "duplicate-token" : induction.contains(h) ? "induction"
        : "other";
  }

  /** Mean over the batch of {@code patterns[head, :, query, key]}. */
  static double mean(INDArray patterns, int head, int query, int key) {
    return patterns.get(NDArrayIndex.point(head), NDArrayIndex.all(), NDArrayIndex.point(query),
        NDArrayIndex.point(key)).meanNumber().doubleValue();
  }
}
