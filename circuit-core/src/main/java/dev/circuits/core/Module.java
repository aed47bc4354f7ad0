package dev.circuits.core;

import dev.circuits.core.internal.HashBuilder;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A module call: the spec circuit with its arg symbols replaced by the arguments (beta reduction).
 * Arguments may add leading batch dims (right-aligned across args) and resize symbolic dims. The
 * shape is the substituted circuit's shape. Children are {@code [spec.circuit, args...]}.
 */
public final class Module extends Circuit {
  private final ModuleSpec spec;
  private final Circuit substituted;

  private Module(ModuleSpec spec, List<Circuit> args, Circuit substituted, Naming naming) {
    super(concat(spec.circuit(), args), substituted.shape(), naming,
        () -> moduleAutoName(spec, args), true, true, true, List.of(substituted));
    this.spec = spec;
    this.substituted = substituted;
  }

  private static List<Circuit> concat(Circuit first, List<Circuit> rest) {
    List<Circuit> out = new ArrayList<>();
    out.add(first);
    out.addAll(rest);
    return out;
  }

  private static String moduleAutoName(ModuleSpec spec, List<Circuit> args) {
    if (!spec.circuit().isNamed() || args.stream().anyMatch(a -> !a.isNamed())) {
      return null;
    }
    return spec.circuit().name() + "(" + args.stream().map(Circuit::name)
        .collect(Collectors.joining(", ")) + ")";
  }

  /** Calls {@code spec} on {@code args} (in arg-spec order). */
  public static Module of(ModuleSpec spec, List<Circuit> args, String name) {
    return new Module(spec, List.copyOf(args), Substitution.substitute(spec, args, name),
        Naming.of(name));
  }

  @Override
  public Kind kind() {
    return Kind.MODULE;
  }

  /** The spec (lambda). */
  public ModuleSpec spec() {
    return spec;
  }

  /** The arguments (children after the spec circuit). */
  public List<Circuit> args() {
    return children().subList(1, numChildren());
  }

  /** The beta-reduced circuit (nested modules inside the spec are substituted too). */
  public Circuit substitute() {
    return substituted;
  }

  @Override
  LinkedHashSet<Symbol> computeFreeSymbols() {
    Set<Symbol> bound = new java.util.HashSet<>();
    for (ModuleArgSpec a : spec.argSpecs()) {
      bound.add(a.symbol());
    }
    LinkedHashSet<Symbol> out = new LinkedHashSet<>();
    for (Symbol s : spec.circuit().freeSymbols()) {
      if (!bound.contains(s)) {
        out.add(s);
      }
    }
    for (Circuit a : args()) {
      out.addAll(a.freeSymbols());
    }
    return out;
  }

  @Override
  void hashNodeBytes(HashBuilder hb) {
    spec.hashBytes(hb);
  }

  @Override
  Circuit rebuild(List<Circuit> newChildren, Naming naming) {
    ModuleSpec newSpec = newChildren.get(0) == spec.circuit() ? spec
        : new ModuleSpec(newChildren.get(0), spec.argSpecs());
    List<Circuit> args = newChildren.subList(1, newChildren.size());
    return new Module(newSpec, List.copyOf(args),
        Substitution.substitute(newSpec, args, naming.name()), naming);
  }
}
