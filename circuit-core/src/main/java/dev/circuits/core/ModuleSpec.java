package dev.circuits.core;

import dev.circuits.core.internal.HashBuilder;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A lambda: a spec circuit with free symbols and the argument specs that bind them. */
public record ModuleSpec(Circuit circuit, List<ModuleArgSpec> argSpecs) {
  /**
   * Builds a spec; checks that no symbol is bound twice, that every arg symbol is used and
   * (optionally) that names are unique.
   */
  public static ModuleSpec of(Circuit circuit, List<ModuleArgSpec> argSpecs,
      boolean checkAllInputsUsed, boolean checkUniqueArgNames) {
    ModuleSpec spec = new ModuleSpec(circuit, List.copyOf(argSpecs));
    java.util.Map<Symbol, Integer> bound = new java.util.HashMap<>();
    for (int i = 0; i < argSpecs.size(); i++) {
      Integer earlier = bound.putIfAbsent(argSpecs.get(i).symbol(), i);
      if (earlier != null) {
        throw new ConstructException(ConstructException.Rule.MODULE_DUPLICATE_ARG_NAME,
            "module spec " + circuit.describe() + ": symbol " + argSpecs.get(i).symbol()
                .describe() + " is bound twice (args " + earlier + " and " + i + "); bind each "
                + "symbol once");
      }
    }
    if (checkAllInputsUsed) {
      Set<Symbol> free = circuit.freeSymbols();
      for (ModuleArgSpec a : argSpecs) {
        if (!free.contains(a.symbol())) {
          throw new ConstructException(ConstructException.Rule.MODULE_UNUSED_ARG,
              "module spec " + circuit.describe() + ": arg symbol " + a.symbol().describe()
                  + " is not a free symbol of the spec circuit");
        }
      }
    }
    if (checkUniqueArgNames) {
      Set<String> names = new HashSet<>();
      for (ModuleArgSpec a : argSpecs) {
        if (a.symbol().isNamed() && !names.add(a.symbol().name())) {
          throw new ConstructException(ConstructException.Rule.MODULE_DUPLICATE_ARG_NAME,
              "module spec " + circuit.describe() + ": arg name '" + a.symbol().name()
                  + "' appears twice");
        }
      }
    }
    return spec;
  }

  /** A spec with default arg specs for the given symbols (all must be used). */
  public static ModuleSpec of(Circuit circuit, Symbol... symbols) {
    return of(circuit, java.util.Arrays.stream(symbols).map(ModuleArgSpec::of).toList(), true,
        false);
  }

  /** A spec binding every free symbol of {@code circuit}, in order (rust's new_free_symbols). */
  public static ModuleSpec newFreeSymbols(Circuit circuit) {
    return of(circuit, circuit.freeSymbols().stream().map(ModuleArgSpec::of).toList(), true,
        false);
  }

  void hashBytes(HashBuilder hb) {
    for (ModuleArgSpec a : argSpecs) {
      hb.bool(a.batchable()).bool(a.expandable()).bool(a.banNonSymbolicSizeExpand());
      hb.bytes(a.symbol().rawHash());
    }
  }
}
