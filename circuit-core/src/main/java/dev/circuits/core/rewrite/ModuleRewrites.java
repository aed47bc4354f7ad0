package dev.circuits.core.rewrite;

import dev.circuits.core.Circuit;
import dev.circuits.core.ExpandNode;
import dev.circuits.core.HashKey;
import dev.circuits.core.Kind;
import dev.circuits.core.Module;
import dev.circuits.core.ModuleArgSpec;
import dev.circuits.core.ModuleSpec;
import dev.circuits.core.Shape;
import dev.circuits.core.Substitution;
import dev.circuits.core.Symbol;
import dev.circuits.core.match.CircuitManipulation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Module rewrites: beta reduction of one module or all of them, conforming specs to their
 * arguments' shapes, and inlining modules whose spec is called once. Example:
 * {@code ModuleRewrites.inlineSingleCallsite(model)}.
 */
public final class ModuleRewrites {
  private ModuleRewrites() {}

  /**
   * {@code m} beta-reduced: its spec circuit with the arguments bound, named like {@code m}; when
   * the spec circuit is just an arg symbol bound to an Array or Symbol of the module's shape, that
   * argument itself (irreducible nodes are never renamed).
   */
  public static Circuit substitute(Module m) {
    if (m.spec().circuit() instanceof Symbol body) {
      for (int i = 0; i < m.args().size(); i++) {
        Circuit arg = m.args().get(i);
        if (m.spec().argSpecs().get(i).symbol().equals(body) && arg.shape().equals(m.shape())
            && (arg.kind() == Kind.ARRAY || arg.kind() == Kind.SYMBOL)) {
          return arg;
        }
      }
    }
    return m.substitute();
  }

  /** Every Module in {@code c} substituted (same as {@link Substitution#substituteAll}). */
  public static Circuit substituteAll(Circuit c) {
    return Substitution.substituteAll(c);
  }

  /**
   * {@code m} with each arg symbol resized to its argument's (non-batch) shape and the spec circuit
   * re-expanded to match (rust's {@code conform_to_input_shapes}); {@code m} itself when every
   * symbol already matches. The value is unchanged: only symbolic sizes become concrete.
   */
  public static Module conform(Module m) {
    Map<HashKey, Circuit> replacements = new HashMap<>();
    List<ModuleArgSpec> specs = new ArrayList<>();
    for (int i = 0; i < m.spec().argSpecs().size(); i++) {
      ModuleArgSpec as = m.spec().argSpecs().get(i);
      Symbol sym = as.symbol();
      Circuit arg = m.args().get(i);
      Shape tail = arg.shape().drop(arg.rank() - sym.rank());
      if (tail.equals(sym.shape())) {
        specs.add(as);
        continue;
      }
      Symbol resized = (Symbol) Names.keep(Symbol.of(tail, sym.uuid(), sym.name()), sym);
      replacements.put(HashKey.of(sym), resized);
      specs.add(new ModuleArgSpec(resized, as.batchable(), as.expandable(),
          as.banNonSymbolicSizeExpand()));
    }
    if (replacements.isEmpty()) {
      return m;
    }
    Circuit body = ExpandNode.replace(m.spec().circuit(), replacements);
    Module out = Module.of(new ModuleSpec(body, specs), m.args(), m.name());
    return (Module) Names.keep(out, m);
  }

  /** Every Module in {@code c} conformed ({@link #conform}); the identity when none has
   * symbolic sizes that its arguments fix. */
  public static Circuit conformAll(Circuit c) {
    return CircuitManipulation.deepMap(c, x -> x instanceof Module m ? conform(m) : x);
  }

  /**
   * Substitutes every Module whose spec is called from exactly one (distinct) Module node in
   * {@code c}; modules whose spec is shared stay.
   */
  public static Circuit inlineSingleCallsite(Circuit c) {
    Map<ModuleSpec, Integer> callsites = new HashMap<>();
    for (Circuit n : c.postOrder()) {
      if (n instanceof Module m) {
        callsites.merge(m.spec(), 1, Integer::sum);
      }
    }
    return inline(c, callsites, new HashMap<>());
  }

  private static Circuit inline(Circuit c, Map<ModuleSpec, Integer> callsites,
      Map<HashKey, Circuit> memo) {
    Circuit done = memo.get(HashKey.of(c));
    if (done != null) {
      return done;
    }
    List<Circuit> kids = new ArrayList<>();
    boolean changed = false;
    for (Circuit k : c.children()) {
      Circuit n = inline(k, callsites, memo);
      changed |= n != k;
      kids.add(n);
    }
    Circuit out = changed ? c.withChildren(kids) : c;
    if (c instanceof Module m && callsites.getOrDefault(m.spec(), 0) == 1) {
      out = substitute((Module) out);
    }
    memo.put(HashKey.of(c), out);
    return out;
  }
}
