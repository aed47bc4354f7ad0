package dev.circuits.core.rewrite;

import dev.circuits.core.Kind;
import dev.circuits.core.Module;
import java.util.List;
import java.util.function.Function;

/** Simplification rules for Module nodes, in rust_circuit's order. */
final class ModuleRules {
  private ModuleRules() {}

  static List<SimpRule> rules() {
    return List.of(
        rule("elim_empty_module", ModuleRules::elimEmptyModule),
        rule("elim_no_input_module", ModuleRules::elimNoInputModule));
  }

  private static SimpRule rule(String name, Function<Module, RuleResult> body) {
    return SimpRule.of(name, Kind.MODULE, Module.class, true, body);
  }

  static RuleResult elimEmptyModule(Module m) {
    return m.spec().circuit().numChildren() == 0 ? RuleResult.applied(ModuleRewrites.substitute(m))
        : RuleResult.no(() -> "the spec circuit of " + m.describe() + " is not a single node");
  }

  static RuleResult elimNoInputModule(Module m) {
    return m.args().isEmpty() ? RuleResult.applied(m.spec().circuit())
        : RuleResult.no(() -> m.describe() + " has " + m.args().size() + " arguments");
  }
}
