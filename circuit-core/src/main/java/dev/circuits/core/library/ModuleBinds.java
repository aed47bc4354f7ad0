package dev.circuits.core.library;

import dev.circuits.core.Circuit;
import dev.circuits.core.Module;
import dev.circuits.core.ModuleArgSpec;
import dev.circuits.core.ModuleSpec;
import dev.circuits.core.Symbol;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * rust_circuit's {@code module_new_bind}: a Module over a circuit that binds the symbols found by
 * name inside it. Example: {@code ModuleBinds.bind(body, "t.call", ModuleBinds.of("t.input", x))}.
 */
public final class ModuleBinds {
  private ModuleBinds() {}

  /** One binding: the symbol named {@code symbolName} takes {@code value}. */
  public static Map.Entry<String, Circuit> of(String symbolName, Circuit value) {
    return Map.entry(symbolName, value);
  }

  /** Binds each named symbol of {@code spec} (found anywhere inside it) to its value. */
  @SafeVarargs
  public static Module bind(Circuit spec, String name, Map.Entry<String, Circuit>... bindings) {
    return bind(spec, name, List.of(bindings));
  }

  /** Binds each named symbol of {@code spec} (found anywhere inside it) to its value. */
  public static Module bind(Circuit spec, String name,
      List<Map.Entry<String, Circuit>> bindings) {
    List<ModuleArgSpec> argSpecs = new ArrayList<>();
    List<Circuit> args = new ArrayList<>();
    List<Circuit> nodes = spec.postOrder();
    for (Map.Entry<String, Circuit> b : bindings) {
      List<Circuit> found = nodes.stream().filter(n -> b.getKey().equals(n.name())).toList();
      if (found.size() != 1 || !(found.get(0) instanceof Symbol sym)) {
        throw new ModelFileException("binding '" + b.getKey() + "' in " + spec.describe()
            + ": expected exactly one Symbol of that name, found "
            + found.stream().map(Circuit::describe).toList());
      }
      argSpecs.add(ModuleArgSpec.of(sym));
      args.add(b.getValue());
    }
    return Module.of(ModuleSpec.of(spec, argSpecs, true, true), args, name);
  }
}
