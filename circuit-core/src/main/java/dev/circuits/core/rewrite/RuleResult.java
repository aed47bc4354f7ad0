package dev.circuits.core.rewrite;

import dev.circuits.core.Circuit;
import java.util.function.Supplier;

/** What a rule body returns: the rewritten circuit, or (lazily) why the rule does not apply. */
final class RuleResult {
  private final Circuit circuit;
  private final Supplier<String> why;

  private RuleResult(Circuit circuit, Supplier<String> why) {
    this.circuit = circuit;
    this.why = why;
  }

  static RuleResult applied(Circuit c) {
    return new RuleResult(c, null);
  }

  static RuleResult no(Supplier<String> why) {
    return new RuleResult(null, why);
  }

  /** The rewritten circuit, or null when the rule did not apply. */
  Circuit circuit() {
    return circuit;
  }

  /** Why the rule did not apply. */
  String why() {
    return why.get();
  }
}
