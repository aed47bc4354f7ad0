package dev.circuits.core.rewrite;

import dev.circuits.core.Circuit;
import dev.circuits.core.Kind;
import java.util.Optional;
import java.util.function.Function;

/**
 * One named local rewrite of a node of one kind (rust_circuit's simp functions, e.g.
 * {@code add_flatten}). {@link #apply} returns the rewritten node or throws a
 * {@link RewriteNotApplicableException}; {@link #applyOp} returns empty instead. Rules never
 * return a circuit equal to their input. Look rules up with {@link SimpRules#rule(String)}.
 */
public final class SimpRule {
  private final String name;
  private final Kind kind;
  private final boolean inDefaults;
  private final Function<Circuit, RuleResult> body;

  private SimpRule(String name, Kind kind, boolean inDefaults, Function<Circuit, RuleResult> body) {
    this.name = name;
    this.kind = kind;
    this.inDefaults = inDefaults;
    this.body = body;
  }

  /** A rule for nodes of {@code type} (whose kind is {@code kind}). */
  static <T extends Circuit> SimpRule of(String name, Kind kind, Class<T> type, boolean inDefaults,
      Function<T, RuleResult> body) {
    return new SimpRule(name, kind, inDefaults, c -> body.apply(type.cast(c)));
  }

  /** The rule's rust_circuit name, e.g. {@code einsum_of_permute_merge}. */
  public String name() {
    return name;
  }

  /** The kind of node the rule rewrites. */
  public Kind kind() {
    return kind;
  }

  /** Whether rust_circuit's {@code SimpFnSubset.default()} enables the rule. */
  public boolean inDefaults() {
    return inDefaults;
  }

  /** The rewritten circuit; throws {@link RewriteNotApplicableException} saying why not. */
  public Circuit apply(Circuit c) {
    RuleResult r = run(c);
    if (r.circuit() == null) {
      throw new RewriteNotApplicableException(name, r.why());
    }
    return r.circuit();
  }

  /** The rewritten circuit, or empty when the rule does not apply. */
  public Optional<Circuit> applyOp(Circuit c) {
    return Optional.ofNullable(run(c).circuit());
  }

  RuleResult run(Circuit c) {
    if (c.kind() != kind) {
      String k = kind.displayName();
      return RuleResult.no(() -> c.describe() + " is not " + ("AEIOU".indexOf(k.charAt(0)) >= 0
          ? "an " : "a ") + k);
    }
    RuleResult r = body.apply(c);
    if (r.circuit() != null && r.circuit().equals(c)) {
      return RuleResult.no(() -> "the rewrite of " + c.describe() + " leaves it unchanged");
    }
    return r;
  }

  @Override
  public String toString() {
    return name;
  }
}
