package dev.circuits.core.rewrite;

import dev.circuits.core.Add;
import dev.circuits.core.Circuit;
import dev.circuits.core.Einsum;
import dev.circuits.core.HashKey;
import dev.circuits.core.Rearrange;
import dev.circuits.core.Shape;
import dev.circuits.core.match.IterativeMatcher;
import dev.circuits.core.spec.RearrangeSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * rust_circuit's {@code distribute}: {@code a * (b + c)} becomes {@code a*b + a*c}, recursively
 * into nested Adds as far as a traversal allows (default: one level). Example:
 * {@code Distribute.distribute(einsum, 1)}.
 */
public final class Distribute {
  /** The rewrite name used in exceptions. */
  public static final String NAME = "distribute";

  private final int operandIdx;
  private final String prefix;
  private final String suffix;
  private final boolean allowPartial;
  private final boolean doBroadcasts;
  private final Map<List<Object>, Circuit> memo = new HashMap<>();

  private Distribute(int operandIdx, String prefix, String suffix, boolean allowPartial,
      boolean doBroadcasts) {
    this.operandIdx = operandIdx;
    this.prefix = prefix;
    this.suffix = suffix;
    this.allowPartial = allowPartial;
    this.doBroadcasts = doBroadcasts;
  }

  /** Distributes operand {@code operandIdx} (an Add) of {@code einsum}, one level deep. */
  public static Circuit distribute(Einsum einsum, int operandIdx) {
    return distribute(einsum, operandIdx, IterativeMatcher.traverseUntilDepth(1), null, null,
        true, true);
  }

  /**
   * Distributes operand {@code operandIdx} of {@code einsum} over its Add, then recursively over
   * Adds below it while {@code traversal} (matched from that operand) continues. New summands are
   * named {@code prefix + summandName + suffix} when either is given (else auto-named); the result
   * Add takes the einsum's name. {@code doBroadcasts} first makes an Add's broadcasts explicit.
   * Throws {@link RewriteNotApplicableException} when nothing changes (or, without
   * {@code allowPartial}, when a step is impossible).
   */
  public static Circuit distribute(Einsum einsum, int operandIdx, IterativeMatcher traversal,
      String prefix, String suffix, boolean allowPartial, boolean doBroadcasts) {
    if (operandIdx < 0 || operandIdx >= einsum.numChildren()) {
      throw new RewriteNotApplicableException(NAME, "operand " + operandIdx + " is out of range"
          + " for " + einsum.describe() + " with " + einsum.numChildren() + " operands");
    }
    Circuit out = new Distribute(operandIdx, prefix, suffix, allowPartial, doBroadcasts)
        .rec(einsum, traversal);
    if (out.equals(einsum)) {
      throw new RewriteNotApplicableException(NAME, "operand " + operandIdx + " of "
          + einsum.describe() + " is " + einsum.child(operandIdx).describe()
          + ", so there is nothing to distribute");
    }
    return out;
  }

  /** One step: operand {@code operandIdx} must be a non-empty Add. */
  public static Add distributeOnce(Einsum einsum, int operandIdx, boolean doBroadcasts) {
    return new Distribute(operandIdx, null, null, false, doBroadcasts).once(einsum,
        (i, e) -> e);
  }

  private Circuit rec(Einsum einsum, IterativeMatcher traversal) {
    List<Object> key = List.of(HashKey.of(einsum), traversal);
    Circuit done = memo.get(key);
    if (done != null) {
      return done;
    }
    Circuit out;
    if (operandIdx >= einsum.numChildren()) {
      out = fail(einsum, "operand " + operandIdx + " is out of range");
    } else {
      List<IterativeMatcher> below = TraversalSteps.below(traversal, einsum.child(operandIdx));
      if (below == null) {
        out = einsum;
      } else {
        try {
          out = once(einsum, (i, e) -> e instanceof Einsum sub ? rec(sub, below.get(i)) : e);
        } catch (RewriteNotApplicableException e) {
          out = fail(einsum, e.getMessage());
        }
      }
    }
    memo.put(key, out);
    return out;
  }

  private Circuit fail(Einsum einsum, String why) {
    if (allowPartial) {
      return einsum;
    }
    throw new RewriteNotApplicableException(NAME, why);
  }

  private interface OnSub {
    Circuit apply(int summand, Circuit einsum);
  }

  private Add once(Einsum einsum, OnSub onSub) {
    Circuit operand = einsum.child(operandIdx);
    if (!(operand instanceof Add add)) {
      throw new RewriteNotApplicableException(NAME, "operand " + operandIdx + " of "
          + einsum.describe() + " is " + operand.describe() + ", not an Add");
    }
    if (add.numChildren() == 0) {
      throw new RewriteNotApplicableException(NAME, "operand " + operandIdx + " of "
          + einsum.describe() + " is an empty Add");
    }
    List<Circuit> summands = new ArrayList<>(add.children());
    for (int i = 0; i < summands.size(); i++) {
      if (!summands.get(i).shape().equals(add.shape())) {
        if (!doBroadcasts) {
          throw new RewriteNotApplicableException(NAME, "summand " + summands.get(i).describe()
              + " of " + add.describe() + " is broadcast (allow do_broadcasts)");
        }
        summands.set(i, broadcastTo(summands.get(i), add.shape()));
      }
    }
    List<Circuit> terms = new ArrayList<>();
    for (int i = 0; i < summands.size(); i++) {
      Circuit s = summands.get(i);
      List<Einsum.Arg> args = new ArrayList<>(einsum.args());
      args.set(operandIdx, new Einsum.Arg(s, einsum.inAxes(operandIdx)));
      String name = (prefix != null || suffix != null) && s.isNamed()
          ? (prefix == null ? "" : prefix) + s.name() + (suffix == null ? "" : suffix) : null;
      terms.add(onSub.apply(i, Einsum.of(args, einsum.outAxes(), name)));
    }
    return Add.of(terms, einsum.name());
  }

  /** {@code c} broadcast (numpy-style) to {@code shape} by a Rearrange (rust's make_broadcast). */
  static Circuit broadcastTo(Circuit c, Shape shape) {
    int dif = shape.rank() - c.rank();
    int[][] in = new int[c.rank()][];
    for (int i = 0; i < c.rank(); i++) {
      in[i] = c.shape().get(i) == 1 && shape.get(i + dif) != 1 ? new int[0]
          : new int[] {i + dif};
    }
    int[][] out = new int[shape.rank()][];
    long[] sizes = new long[shape.rank()];
    for (int j = 0; j < shape.rank(); j++) {
      out[j] = new int[] {j};
      sizes[j] = shape.get(j);
    }
    RearrangeSpec spec = RearrangeSpec.of(in, out, sizes);
    return Rearrange.of(c, RearrangeSpecs.canonicalize(spec, true), null);
  }
}
