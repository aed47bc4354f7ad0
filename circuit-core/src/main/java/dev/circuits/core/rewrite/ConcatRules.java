package dev.circuits.core.rewrite;

import dev.circuits.core.Circuit;
import dev.circuits.core.Concat;
import dev.circuits.core.Kind;
import dev.circuits.core.Rearrange;
import dev.circuits.core.Scalar;
import dev.circuits.core.spec.RearrangeSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Simplification rules for Concat nodes, in rust_circuit's order. */
final class ConcatRules {
  private ConcatRules() {}

  static List<SimpRule> rules() {
    return List.of(
        rule("concat_elim_identity", ConcatRules::concatElimIdentity),
        rule("concat_merge_uniform", ConcatRules::concatMergeUniform),
        rule("concat_drop_size_zero", ConcatRules::concatDropSizeZero),
        rule("concat_fuse", ConcatRules::concatFuse),
        rule("concat_repeat_to_rearrange", ConcatRules::concatRepeatToRearrange));
  }

  private static SimpRule rule(String name, Function<Concat, RuleResult> body) {
    return SimpRule.of(name, Kind.CONCAT, Concat.class, true, body);
  }

  private static Circuit rebuild(Concat like, List<Circuit> children) {
    return Names.keep(Concat.of(children, like.axis(), like.name()), like);
  }

  static RuleResult concatElimIdentity(Concat c) {
    return c.numChildren() == 1 ? RuleResult.applied(c.child(0))
        : RuleResult.no(() -> c.describe() + " has " + c.numChildren() + " children, not 1");
  }

  static RuleResult concatMergeUniform(Concat c) {
    if (c.child(0) instanceof Scalar first && c.children().stream()
        .allMatch(x -> x instanceof Scalar s && s.value() == first.value())) {
      return RuleResult.applied(Names.keep(Scalar.of(first.value(), c.shape(), c.name()), c));
    }
    return RuleResult.no(() -> "the children of " + c.describe()
        + " are not Scalars of one value");
  }

  static RuleResult concatDropSizeZero(Concat c) {
    List<Circuit> kept = new ArrayList<>();
    for (Circuit x : c.children()) {
      if (x.shape().get(c.axis()) != 0) {
        kept.add(x);
      }
    }
    if (kept.isEmpty()) {
      kept.add(c.child(0));
    }
    if (kept.size() == c.numChildren()) {
      return RuleResult.no(() -> "no child of " + c.describe()
          + " has size 0 on the concatenated axis (or all do)");
    }
    return RuleResult.applied(rebuild(c, kept));
  }

  static RuleResult concatFuse(Concat c) {
    List<Circuit> out = new ArrayList<>();
    boolean did = false;
    for (Circuit x : c.children()) {
      if (x instanceof Concat inner && inner.axis() == c.axis()) {
        out.addAll(inner.children());
        did = true;
      } else {
        out.add(x);
      }
    }
    return did ? RuleResult.applied(rebuild(c, out))
        : RuleResult.no(() -> "no child of " + c.describe() + " is a Concat on axis " + c.axis());
  }

  static RuleResult concatRepeatToRearrange(Concat c) {
    List<Circuit> out = new ArrayList<>();
    boolean did = false;
    int i = 0;
    while (i < c.numChildren()) {
      Circuit x = c.child(i);
      int j = i + 1;
      while (j < c.numChildren() && c.child(j).equals(x)) {
        j++;
      }
      if (j - i > 1) {
        out.add(repeat(x, c.axis(), j - i));
        did = true;
      } else {
        out.add(x);
      }
      i = j;
    }
    return did ? RuleResult.applied(rebuild(c, out))
        : RuleResult.no(() -> "no two adjacent children of " + c.describe() + " are equal");
  }

  /** {@code x} repeated {@code count} times along {@code axis}: {@code a b -> a (n b)}. */
  private static Circuit repeat(Circuit x, int axis, int count) {
    int r = x.rank();
    int[][] in = new int[r][];
    int[][] out = new int[r][];
    long[] sizes = new long[r + 1];
    for (int a = 0; a < r; a++) {
      in[a] = new int[] {a};
      out[a] = a == axis ? new int[] {r, a} : new int[] {a};
      sizes[a] = x.shape().get(a);
    }
    sizes[r] = count;
    return Rearrange.of(x, RearrangeSpec.of(in, out, sizes), null);
  }
}
