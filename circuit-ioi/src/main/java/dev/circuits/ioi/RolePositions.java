package dev.circuits.ioi;

import com.google.common.collect.ImmutableMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Per-prompt positions of the template slots in a baseline and a patch dataset of the same size, for
 * patching across unaligned sequences: the activation read at {@code patch(role)[i]} in patch prompt i
 * replaces the one at {@code baseline(role)[i]} in baseline prompt i (e.g. sender row = END of the patch
 * sequence, receiver row = END of the baseline sequence). REMIX's fixed-position node names ({@code _t15})
 * cannot express this when prefixes or tails move the slots.
 *
 * <p>Roles are template slots named as in IOI prompts: {@code IO}, {@code S1}, {@code S1+1}, {@code S2},
 * {@code END}. For an ABC dataset the slots are read from IO1 (IO slot), IO2 (S1 slot) and S (S2 slot),
 * and S1+1 is the S1 slot plus one.
 *
 * <p>Pairing a dataset with a variant of itself ({@link IoiVariants}) decorrelates position from role:
 * e.g. baseline = {@code ioi}, patch = {@code withRandomPrefixes(ioi.flip(IO), ...)} moves every slot by
 * a per-prompt amount while the roles stay paired.
 */
public final class RolePositions {
  /** The slot roles, in template order. */
  public static final List<String> ROLES = List.of("IO", "S1", "S1+1", "S2", "END");

  private final IoiDataset baseline;
  private final IoiDataset patch;
  private final ImmutableMap<String, int[]> baselinePositions;
  private final ImmutableMap<String, int[]> patchPositions;

  private RolePositions(IoiDataset baseline, IoiDataset patch) {
    this.baseline = baseline;
    this.patch = patch;
    this.baselinePositions = slots(baseline);
    this.patchPositions = slots(patch);
  }

  /** Pairs two datasets prompt by prompt; they must have the same N. */
  public static RolePositions between(IoiDataset baseline, IoiDataset patch) {
    Objects.requireNonNull(baseline, "baseline");
    Objects.requireNonNull(patch, "patch");
    if (baseline.size() != patch.size()) {
      throw new IoiException(IoiException.Kind.INVALID_VARIANT, "cannot pair datasets of different sizes: baseline N="
          + baseline.size() + ", patch N=" + patch.size() + "; expected equal N");
    }
    return new RolePositions(baseline, patch);
  }

  /** The slot positions of one dataset, keyed by {@link #ROLES}. */
  public static Map<String, int[]> slotPositions(IoiDataset ds) {
    Map<String, int[]> out = new LinkedHashMap<>();
    for (Map.Entry<String, int[]> e : slots(ds).entrySet()) {
      out.put(e.getKey(), e.getValue().clone());
    }
    return out;
  }

  private static ImmutableMap<String, int[]> slots(IoiDataset ds) {
    boolean ioi = ds.family() == PromptFamily.IOI;
    int[] io = ds.wordIdx(ioi ? "IO" : "IO1");
    int[] s1 = ds.wordIdx(ioi ? "S1" : "IO2");
    int[] s1p = new int[s1.length];
    for (int i = 0; i < s1.length; i++) {
      s1p[i] = s1[i] + 1;
    }
    int[] s2 = ds.wordIdx(ioi ? "S2" : "S");
    return ImmutableMap.of("IO", io, "S1", s1, "S1+1", s1p, "S2", s2, "END", ds.wordIdx("END"));
  }

  /** The baseline dataset (receiver side). */
  public IoiDataset baseline() {
    return baseline;
  }

  /** The patch dataset (sender side). */
  public IoiDataset patch() {
    return patch;
  }

  /** The roles available ({@link #ROLES}). */
  public Set<String> roles() {
    return baselinePositions.keySet();
  }

  /** Per-prompt position of {@code role} in the baseline prompts. */
  public int[] baseline(String role) {
    return get(baselinePositions, role).clone();
  }

  /** Per-prompt position of {@code role} in the patch prompts. */
  public int[] patch(String role) {
    return get(patchPositions, role).clone();
  }

  /** Per-prompt {@code patch(role)[i] - baseline(role)[i]}. */
  public int[] shift(String role) {
    int[] b = get(baselinePositions, role);
    int[] p = get(patchPositions, role);
    int[] out = new int[b.length];
    for (int i = 0; i < b.length; i++) {
      out[i] = p[i] - b[i];
    }
    return out;
  }

  /** True if the role sits at the same position in both datasets for every prompt. */
  public boolean aligned(String role) {
    for (int s : shift(role)) {
      if (s != 0) {
        return false;
      }
    }
    return true;
  }

  private static int[] get(Map<String, int[]> m, String role) {
    int[] v = m.get(role);
    if (v == null) {
      throw new IoiException(IoiException.Kind.UNKNOWN_KEY, "unknown role '" + role + "'; expected one of " + ROLES);
    }
    return v;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("RolePositions[N=" + baseline.size());
    for (String r : ROLES) {
      sb.append(", ").append(r).append(aligned(r) ? " aligned" : " moved");
    }
    return sb.append(']').toString();
  }
}
