package dev.circuits.core.rewrite;

import dev.circuits.core.Einsum;
import dev.circuits.core.Kind;
import dev.circuits.core.Rearrange;
import dev.circuits.core.Scalar;
import dev.circuits.core.spec.RearrangeSpec;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Simplification rules for Rearrange nodes, in rust_circuit's order. */
final class RearrangeRules {
  private RearrangeRules() {}

  static List<SimpRule> rules() {
    return List.of(
        rule("rearrange_elim_identity", true, RearrangeRules::rearrangeElimIdentity),
        rule("rearrange_fuse", true, RearrangeRules::rearrangeFuse),
        rule("rearrange_merge_scalar", true, RearrangeRules::rearrangeMergeScalar),
        rule("permute_of_einsum_merge", true, RearrangeRules::permuteOfEinsumMerge));
  }

  private static SimpRule rule(String name, boolean dflt, Function<Rearrange, RuleResult> body) {
    return SimpRule.of(name, Kind.REARRANGE, Rearrange.class, dflt, body);
  }

  static RuleResult rearrangeElimIdentity(Rearrange r) {
    return RearrangeSpecs.isIdentity(r.spec()) ? RuleResult.applied(r.node())
        : RuleResult.no(() -> "'" + r.spec() + "' of " + r.describe() + " is not an identity");
  }

  static RuleResult rearrangeFuse(Rearrange r) {
    if (!(r.node() instanceof Rearrange inner)) {
      return RuleResult.no(() -> "the child of " + r.describe() + " is not a Rearrange");
    }
    Optional<RearrangeSpec> fused = RearrangeSpecs.fuse(
        RearrangeSpecs.canonicalize(inner.conformedSpec(), true),
        RearrangeSpecs.canonicalize(r.conformedSpec(), true));
    if (fused.isEmpty()) {
      return RuleResult.no(() -> "'" + inner.spec() + "' then '" + r.spec()
          + "' split a merged axis along different boundaries");
    }
    return RuleResult.applied(Names.keep(Rearrange.of(inner.node(),
        RearrangeSpecs.canonicalize(fused.get(), true), r.name()), r));
  }

  static RuleResult rearrangeMergeScalar(Rearrange r) {
    if (r.node() instanceof Scalar s) {
      return RuleResult.applied(Names.keep(Scalar.of(s.value(), r.shape(), r.name()), r));
    }
    return RuleResult.no(() -> "the child of " + r.describe() + " is not a Scalar");
  }

  static RuleResult permuteOfEinsumMerge(Rearrange r) {
    Optional<int[]> perm = RearrangeSpecs.forwardPermutation(r.spec());
    if (perm.isEmpty() || !(r.node() instanceof Einsum e)) {
      return RuleResult.no(() -> r.describe() + " is not a permutation of an Einsum");
    }
    int[] p = perm.get();
    int[] oldOut = e.outAxes();
    int[] out = new int[p.length];
    for (int i = 0; i < p.length; i++) {
      out[p[i]] = oldOut[i];
    }
    return RuleResult.applied(Names.keep(Einsum.of(e.args(), out, r.name()), r));
  }
}
