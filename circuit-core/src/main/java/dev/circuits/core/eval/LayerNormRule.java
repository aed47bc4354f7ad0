package dev.circuits.core.eval;

import dev.circuits.core.Add;
import dev.circuits.core.Circuit;
import dev.circuits.core.Einsum;
import dev.circuits.core.GeneralFunction;
import dev.circuits.core.Kind;
import dev.circuits.core.Rearrange;
import dev.circuits.core.Scalar;
import dev.circuits.core.spec.SimpleFunction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Recognises a layer norm over the last axis written with einsums, whatever the node names:
 * <pre>
 *   m = einsum("...d,->...", x, k1)          c = x + rearrange(m, "... -> ... 1")
 *   v = einsum("...d,...d,->...", c, c, k2)  r = rsqrt(v + eps)
 *   out = einsum("...d,...,d->...d", c, r, w) [+ b]        (b of shape [d], maybe with leading 1s)
 * </pre>
 * for any Scalars k1, k2 and eps (usually -1/d, 1/d and a small epsilon). Its fusion computes
 * {@code out} row by row in one {@link LayerNormKernel} call.
 */
final class LayerNormRule {
  private LayerNormRule() {}

  /** The fusion rooted at {@code root}, or null when it is not a layer norm's output. */
  static Fusion match(Circuit root) {
    Circuit scaled = root;
    Circuit bias = null;
    if (root.kind() == Kind.ADD && root.numChildren() == 2) {
      int s = root.child(0).kind() == Kind.EINSUM ? 0 : 1;
      scaled = root.child(s);
      bias = root.child(1 - s);
      if (!Broadcast.isRowOf(bias.shape().toArray(), root.shape().toArray())) {
        return null;
      }
    }
    return scaled.kind() == Kind.EINSUM ? matchScaled((Einsum) scaled, root, bias) : null;
  }

  private static Fusion matchScaled(Einsum scaled, Circuit root, Circuit bias) {
    int[] out = scaled.outAxes();
    if (scaled.numChildren() != 3 || out.length == 0 || !scaled.shape().equals(root.shape())) {
      return null;
    }
    int[] lead = Arrays.copyOf(out, out.length - 1);
    int[] last = {out[out.length - 1]};
    for (int c = 0; c < 3; c++) {
      for (int r = 0; r < 3; r++) {
        int w = 3 - c - r;
        if (c != r && w != c && w != r && Arrays.equals(scaled.inAxes(c), out)
            && Arrays.equals(scaled.inAxes(r), lead) && Arrays.equals(scaled.inAxes(w), last)) {
          Fusion f = matchParts(scaled, scaled.child(c), scaled.child(r), scaled.child(w), root,
              bias);
          if (f != null) {
            return f;
          }
        }
      }
    }
    return null;
  }

  /** The fusion when {@code centred}, {@code rstd} and {@code scale} have the expected forms. */
  private static Fusion matchParts(Einsum scaled, Circuit centred, Circuit rstd, Circuit scale,
      Circuit root, Circuit bias) {
    if (centred.kind() != Kind.ADD || centred.numChildren() != 2 || !isRsqrt(rstd)
        || scale.kind() == Kind.SCALAR) {
      return null;
    }
    Circuit varEps = rstd.child(0);
    Circuit x = centredInput((Add) centred);
    if (x == null || varEps.kind() != Kind.ADD || varEps.numChildren() != 2) {
      return null;
    }
    int e = varEps.child(0).kind() == Kind.SCALAR ? 0 : 1;
    Circuit eps = varEps.child(e);
    Circuit variance = varEps.child(1 - e);
    if (!isScalarShaped(eps) || !isRowReduction(variance, centred, 2)) {
      return null;
    }
    Circuit negMeanCol = centred.child(0).equals(x) ? centred.child(1) : centred.child(0);
    Circuit negMean = negMeanCol.child(0);
    double k1 = scalarOf(negMean);
    double k2 = scalarOf(variance);
    List<Circuit> members = new ArrayList<>(List.of(scaled, centred, negMeanCol, negMean, rstd,
        varEps, variance));
    List<Circuit> inputs = new ArrayList<>(List.of(x, scale));
    if (bias != null) {
      members.add(root);
      inputs.add(bias);
    }
    double epsilon = ((Scalar) eps).value();
    return new Fusion(root, members, inputs,
        (values, donated, floatType) -> LayerNormKernel.compute(values, k1, k2, epsilon,
            floatType));
  }

  /**
   * The x of {@code x + rearrange(einsum(x, k1))} (a row mean, kept as a trailing size-1 axis),
   * or null.
   */
  private static Circuit centredInput(Add centred) {
    for (int i = 0; i < 2; i++) {
      Circuit x = centred.child(i);
      Circuit col = centred.child(1 - i);
      if (x.shape().equals(centred.shape()) && col.kind() == Kind.REARRANGE
          && col.shape().equals(x.shape().with(x.rank() - 1, 1))
          && isAppendedUnitAxis((Rearrange) col) && isRowReduction(col.child(0), x, 1)) {
        return x;
      }
    }
    return null;
  }

  /**
   * Whether {@code e} is {@code einsum("...d,..,->...", x, ..., k)}: {@code copies} times
   * {@code x} with identical axes and one scalar-shaped Scalar, summing x's last axis only.
   */
  private static boolean isRowReduction(Circuit e, Circuit x, int copies) {
    if (e.kind() != Kind.EINSUM || e.numChildren() != copies + 1 || x.rank() == 0) {
      return false;
    }
    Einsum es = (Einsum) e;
    int[] xAxes = null;
    int scalars = 0;
    for (int k = 0; k < es.numChildren(); k++) {
      Circuit child = es.child(k);
      if (child.equals(x) && (xAxes == null || Arrays.equals(xAxes, es.inAxes(k)))) {
        xAxes = es.inAxes(k);
      } else if (isScalarShaped(child)) {
        scalars++;
      } else {
        return false;
      }
    }
    return scalars == 1 && xAxes != null && EinsumPlan.unique(xAxes).length == xAxes.length
        && Arrays.equals(es.outAxes(), Arrays.copyOf(xAxes, xAxes.length - 1));
  }

  /** The value of the one Scalar operand of a row reduction. */
  private static double scalarOf(Circuit reduction) {
    for (Circuit child : reduction.children()) {
      if (child.kind() == Kind.SCALAR) {
        return ((Scalar) child).value();
      }
    }
    throw new IllegalStateException("no scalar in " + reduction.describe());
  }

  private static boolean isScalarShaped(Circuit c) {
    return c.kind() == Kind.SCALAR && c.rank() == 0;
  }

  private static boolean isRsqrt(Circuit c) {
    return c.kind() == Kind.GENERAL_FUNCTION && c.numChildren() == 1
        && ((GeneralFunction) c).spec() == SimpleFunction.RSQRT;
  }

  /** Whether {@code r} only appends size-1 axes (its input's element order is kept). */
  private static boolean isAppendedUnitAxis(Rearrange r) {
    int[] in = Arrays.stream(r.conformedSpec().input()).flatMapToInt(Arrays::stream).toArray();
    int[] out = Arrays.stream(r.conformedSpec().output()).flatMapToInt(Arrays::stream)
        .filter(x -> EinsumPlan.indexOf(in, x) >= 0).toArray();
    return Arrays.equals(in, out) && r.shape().numel() == r.child(0).shape().numel();
  }
}
