package dev.circuits.core.rewrite;

import dev.circuits.core.Index;
import dev.circuits.core.Kind;
import dev.circuits.core.Scalar;
import java.util.List;
import java.util.function.Function;

/** Simplification rules for Index nodes, in rust_circuit's order. */
final class IndexRules {
  private static final String IDX_IDX = " idx idx";

  private IndexRules() {}

  static List<SimpRule> rules() {
    return List.of(
        rule("index_elim_identity", true, IndexRules::indexElimIdentity),
        rule("index_fuse", false, IndexRules::indexFuse),
        rule("index_merge_scalar", true, IndexRules::indexMergeScalar));
  }

  private static SimpRule rule(String name, boolean dflt, Function<Index, RuleResult> body) {
    return SimpRule.of(name, Kind.INDEX, Index.class, dflt, body);
  }

  static RuleResult indexElimIdentity(Index x) {
    return Indices.isIdentity(x.index().axes(), x.node().shape()) ? RuleResult.applied(x.node())
        : RuleResult.no(() -> x.index() + " of " + x.describe() + " is not an identity");
  }

  static RuleResult indexFuse(Index x) {
    if (!(x.node() instanceof Index inner)) {
      return RuleResult.no(() -> "the child of " + x.describe() + " is not an Index");
    }
    String name = x.name();
    if (name != null && name.endsWith(IDX_IDX)) {
      name = name.substring(0, name.length() - " idx".length());
    }
    Index fused = Index.of(inner.node(), Indices.compose(x.index(), inner.index(),
        inner.node().shape()), name);
    return RuleResult.applied(fused.rename(name).withUseAutoname(x.useAutoname()));
  }

  static RuleResult indexMergeScalar(Index x) {
    if (x.node() instanceof Scalar s) {
      return RuleResult.applied(Names.keep(Scalar.of(s.value(), x.shape(), x.name()), x));
    }
    return RuleResult.no(() -> "the child of " + x.describe() + " is not a Scalar");
  }
}
