package dev.circuits.core.rewrite;

import dev.circuits.core.Circuit;
import dev.circuits.core.Einsum;
import dev.circuits.core.Kind;
import dev.circuits.core.Rearrange;
import dev.circuits.core.Scalar;
import dev.circuits.core.Shape;
import dev.circuits.core.spec.RearrangeSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Simplification rules for Einsum nodes, in rust_circuit's order. */
final class EinsumRules {
  private EinsumRules() {}

  static List<SimpRule> rules() {
    return List.of(
        rule("einsum_elim_zero", true, EinsumRules::einsumElimZero),
        rule("einsum_elim_identity", true, EinsumRules::einsumElimIdentity),
        rule("einsum_flatten", false, EinsumRules::einsumFlatten),
        rule("einsum_of_permute_merge", true, EinsumRules::einsumOfPermuteMerge),
        rule("einsum_merge_scalars", false, e -> mergeScalars(e, false)),
        rule("einsum_remove_one", true, e -> mergeScalars(e, true)),
        rule("einsum_elim_removable_axes_weak", true, EinsumRules::einsumElimRemovableAxesWeak),
        rule("einsum_permute_to_rearrange", true, EinsumRules::einsumPermuteToRearrange));
  }

  private static SimpRule rule(String name, boolean dflt, Function<Einsum, RuleResult> body) {
    return SimpRule.of(name, Kind.EINSUM, Einsum.class, dflt, body);
  }

  private static Circuit rebuild(Einsum like, List<Einsum.Arg> args, int[] out) {
    return Names.keep(Einsum.of(args, out, like.name()), like);
  }

  static RuleResult einsumElimZero(Einsum e) {
    if (e.children().stream().anyMatch(c -> c instanceof Scalar s && s.isZero())) {
      return RuleResult.applied(Names.keep(Scalar.of(0.0, e.shape(), e.name()), e));
    }
    return RuleResult.no(() -> "no operand of " + e.describe() + " is a zero Scalar");
  }

  static RuleResult einsumElimIdentity(Einsum e) {
    if (e.numChildren() == 0) {
      return RuleResult.applied(Names.keep(Scalar.of(1.0, Shape.scalar(), e.name()), e));
    }
    int[] out = e.outAxes();
    if (e.numChildren() == 1 && Arrays.equals(out, e.inAxes(0)) && unique(out)) {
      return RuleResult.applied(e.child(0));
    }
    return RuleResult.no(() -> e.describe() + " (" + e.specString() + ") is not an identity");
  }

  private static boolean unique(int[] ints) {
    return Arrays.stream(ints).distinct().count() == ints.length;
  }

  static RuleResult einsumFlatten(Einsum e) {
    boolean[] inline = new boolean[e.numChildren()];
    boolean any = false;
    for (int i = 0; i < inline.length; i++) {
      inline[i] = e.child(i) instanceof Einsum;
      any |= inline[i];
    }
    if (!any) {
      return RuleResult.no(() -> "no operand of " + e.describe() + " is an Einsum");
    }
    Einsum out = EinsumInts.inline(e, inline);
    return out != null ? RuleResult.applied(out)
        : RuleResult.no(() -> "flattening " + e.describe() + " needs more than 256 axis ints");
  }

  static RuleResult einsumOfPermuteMerge(Einsum e) {
    List<Einsum.Arg> args = new ArrayList<>();
    boolean did = false;
    for (Einsum.Arg a : e.args()) {
      if (a.circuit() instanceof Rearrange r) {
        var perm = RearrangeSpecs.forwardPermutation(r.spec());
        if (perm.isPresent()) {
          int[] ints = a.axes();
          int[] p = perm.get();
          args.add(new Einsum.Arg(r.node(), Arrays.stream(p).map(i -> ints[i]).toArray()));
          did = true;
          continue;
        }
      }
      args.add(a);
    }
    return did ? RuleResult.applied(rebuild(e, args, e.outAxes()))
        : RuleResult.no(() -> "no operand of " + e.describe() + " is a permuting Rearrange");
  }

  /** einsum_merge_scalars ({@code onlyOnes=false}) and einsum_remove_one ({@code true}). */
  static RuleResult mergeScalars(Einsum e, boolean onlyOnes) {
    int found = 0;
    double product = 1.0;
    List<Einsum.Arg> args = new ArrayList<>();
    for (Einsum.Arg a : e.args()) {
      if (a.circuit() instanceof Scalar s && s.rank() == 0 && (!onlyOnes || s.value() == 1.0)) {
        found++;
        product *= s.value();
      } else {
        args.add(a);
      }
    }
    if (found == 0 || (found == 1 && product != 1.0)) {
      String what = onlyOnes ? "a rank-0 Scalar 1" : "two rank-0 Scalars (or a Scalar 1)";
      return RuleResult.no(() -> e.describe() + " has no " + what + " among its operands");
    }
    if (product != 1.0) {
      args.add(new Einsum.Arg(Scalar.of(product), new int[0]));
    }
    return RuleResult.applied(rebuild(e, args, e.outAxes()));
  }

  static RuleResult einsumElimRemovableAxesWeak(Einsum e) {
    Map<Integer, Set<Integer>> inputs = new HashMap<>();
    Map<Integer, Map<Integer, Boolean>> removable = new HashMap<>();
    for (int k = 0; k < e.numChildren(); k++) {
      Circuit c = e.child(k);
      int[] ints = e.inAxes(k);
      Set<Integer> rem = RemovableAxes.of(c);
      for (int j = 0; j < ints.length; j++) {
        inputs.computeIfAbsent(ints[j], x -> new HashSet<>()).add(k);
        if (rem.contains(j)) {
          removable.computeIfAbsent(ints[j], x -> new HashMap<>()).put(k, c instanceof Scalar);
        }
      }
    }
    AddRules.keepUnambiguous(removable, inputs);
    if (removable.isEmpty()) {
      return RuleResult.no(() -> "no removable axis of an operand of " + e.describe()
          + " is provided by another operand");
    }
    List<Einsum.Arg> args = new ArrayList<>();
    for (int k = 0; k < e.numChildren(); k++) {
      Circuit c = e.child(k);
      int[] ints = e.inAxes(k);
      Set<Integer> rem = RemovableAxes.of(c);
      Set<Integer> axes = new HashSet<>();
      for (int j = 0; j < ints.length; j++) {
        Map<Integer, Boolean> r = removable.get(ints[j]);
        if (r != null && r.containsKey(k) && rem.contains(j)) {
          axes.add(j);
        }
      }
      int[] kept = java.util.stream.IntStream.range(0, ints.length).filter(j -> !axes.contains(j))
          .map(j -> ints[j]).toArray();
      args.add(new Einsum.Arg(RemovableAxes.removeWeak(c, axes), kept));
    }
    return RuleResult.applied(rebuild(e, args, e.outAxes()));
  }

  static RuleResult einsumPermuteToRearrange(Einsum e) {
    int[] out = e.outAxes();
    if (e.numChildren() != 1 || out.length == 0 || e.inAxes(0).length != out.length
        || !unique(out) || !unique(e.inAxes(0))) {
      return RuleResult.no(() -> e.describe() + " (" + e.specString()
          + ") is not a single-operand permutation");
    }
    RearrangeSpec spec = RearrangeSpecs.singles(e.inAxes(0), out, Map.of());
    return RuleResult.applied(Names.keep(Rearrange.of(e.child(0),
        RearrangeSpecs.canonicalize(spec, false), e.name()), e));
  }
}
