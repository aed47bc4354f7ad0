package dev.circuits.core.eval;

import dev.circuits.core.Circuit;
import dev.circuits.core.Einsum;
import dev.circuits.core.GeneralFunction;
import dev.circuits.core.Kind;
import dev.circuits.core.Scalar;
import dev.circuits.core.spec.SimpleFunction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Recognises attention written as einsums, whatever the names:
 * <pre>
 *   raw = einsum("...td,...sd,[scalars],[ts]->...ts", q, k, ..., mask)
 *   out = einsum("...ts,...sc->...tc", softmax(raw [+ bias]), v)
 * </pre>
 * with an optional multiplicative mask and additive bias over {@code [t, s]} shared by all the
 * leading (batch and head) axes. In float32 with the Vector API its fusion
 * ({@link AttentionKernel}) computes each head's scores, softmax and mixing in one pass over q, k
 * and v, instead of five ND4J ops over the whole score tensor.
 */
final class AttentionRule {
  private AttentionRule() {}

  /** The fusion rooted at {@code root}, or null. */
  static Fusion match(Circuit root, DataType floatType) {
    if (floatType != DataType.FLOAT || !VectorSupport.enabled() || root.kind() != Kind.EINSUM
        || root.numChildren() != 2) {
      return null;
    }
    Einsum mix = (Einsum) root;
    for (int p = 0; p < 2; p++) {
      Fusion f = matchMix(mix, p);
      if (f != null) {
        return f;
      }
    }
    return null;
  }

  private static Fusion matchMix(Einsum mix, int p) {
    Circuit probs = mix.child(p);
    Circuit v = mix.child(1 - p);
    int[] pAx = mix.inAxes(p);
    int n = pAx.length - 2;
    if (!isSoftmax(probs) || n < 0 || !distinct(pAx) || !distinct(mix.inAxes(1 - p))) {
      return null;
    }
    int[] lead = Arrays.copyOf(pAx, n);
    int c = mix.inAxes(1 - p).length == n + 2 ? mix.inAxes(1 - p)[n + 1] : -1;
    if (!Arrays.equals(mix.inAxes(1 - p), concat(lead, pAx[n + 1], c))
        || !Arrays.equals(mix.outAxes(), concat(lead, pAx[n], c))
        || EinsumPlan.indexOf(pAx, c) >= 0) {
      return null;
    }
    Circuit x = probs.child(0);
    Circuit bias = null;
    Circuit raw = x;
    if (x.kind() == Kind.ADD && x.numChildren() == 2) {
      int r = x.child(0).kind() == Kind.EINSUM && x.child(0).shape().equals(x.shape()) ? 0 : 1;
      raw = x.child(r);
      bias = x.child(1 - r);
      if (!sharedOverLead(bias, x.rank())) {
        return null;
      }
    }
    if (raw.kind() != Kind.EINSUM || !raw.shape().equals(x.shape())) {
      return null;
    }
    return matchScores((Einsum) raw, mix, probs, x, v, bias);
  }

  /** The fusion when {@code raw} is {@code q·k} times scalars and an optional [t, s] mask. */
  private static Fusion matchScores(Einsum raw, Einsum mix, Circuit probs, Circuit x, Circuit v,
      Circuit bias) {
    int[] out = raw.outAxes();
    int n = out.length - 2;
    if (!distinct(out)) {
      return null;
    }
    int[] lead = Arrays.copyOf(out, n);
    int t = out[n];
    int s = out[n + 1];
    Circuit q = null;
    Circuit k = null;
    Circuit mask = null;
    int qd = -1;
    int kd = -2;
    double scale = 1;
    for (int i = 0; i < raw.numChildren(); i++) {
      Circuit ch = raw.child(i);
      int[] ax = raw.inAxes(i);
      if (ch.kind() == Kind.SCALAR && ch.rank() == 0) {
        scale *= ((Scalar) ch).value();
      } else if (ax.length == n + 2 && q == null && Arrays.equals(Arrays.copyOf(ax, n + 1),
          concat(lead, t)) && EinsumPlan.indexOf(out, ax[n + 1]) < 0) {
        q = ch;
        qd = ax[n + 1];
      } else if (ax.length == n + 2 && k == null && Arrays.equals(Arrays.copyOf(ax, n + 1),
          concat(lead, s)) && EinsumPlan.indexOf(out, ax[n + 1]) < 0) {
        k = ch;
        kd = ax[n + 1];
      } else if (mask == null && Arrays.equals(ax, new int[] {t, s})) {
        mask = ch;
      } else {
        return null;
      }
    }
    if (q == null || k == null || qd != kd) {
      return null;
    }
    List<Circuit> members = new ArrayList<>(List.of(mix, probs, raw));
    if (x != raw) {
      members.add(x);
    }
    List<Circuit> inputs = new ArrayList<>(List.of(q, k, v));
    boolean hasMask = mask != null;
    if (hasMask) {
      inputs.add(mask);
    }
    if (bias != null) {
      inputs.add(bias);
    }
    boolean hasBias = bias != null;
    double alpha = scale;
    return new Fusion(mix, members, inputs, (values, donated, floatType) ->
        AttentionKernel.compute(values, hasMask, hasBias, alpha));
  }

  private static boolean isSoftmax(Circuit c) {
    return c.kind() == Kind.GENERAL_FUNCTION && c.numChildren() == 1
        && ((GeneralFunction) c).spec() == SimpleFunction.SOFTMAX;
  }

  /** Whether {@code b} broadcasts over all but the last two of {@code rank} axes. */
  private static boolean sharedOverLead(Circuit b, int rank) {
    if (b.rank() > rank) {
      return false;
    }
    for (int i = 0; i < b.rank() - 2; i++) {
      if (b.shape().get(i) != 1) {
        return false;
      }
    }
    return true;
  }

  private static boolean distinct(int[] ints) {
    return EinsumPlan.unique(ints).length == ints.length;
  }

  private static int[] concat(int[] a, int... more) {
    return Contraction.concat(a, more);
  }
}
