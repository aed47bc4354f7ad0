package dev.circuits.core.library;

import dev.circuits.core.Circuit;
import dev.circuits.core.ModuleArgSpec;
import dev.circuits.core.ModuleSpec;
import dev.circuits.core.Symbol;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * A library entry: the circuits it was built from, its body (a named circuit with free symbols)
 * and the spec binding those symbols (module_library's {@code ModuleLibraryRet}).
 */
public record LibraryModule(LibraryCircuits circuits, Circuit body, ModuleSpec spec, String name) {

  /** The entry whose body is {@code circuits.get(name)}, with a spec over all its free symbols. */
  public static LibraryModule of(LibraryCircuits circuits, String name) {
    Circuit body = circuits.get(name);
    return new LibraryModule(circuits, body, makeSpec(body, circuits, Set.of()), name);
  }

  /**
   * module_library's {@code make_spec}: a spec binding the free symbols of {@code body} except
   * those named in {@code excludedNames}, ordered by their position in {@code order} (symbols not
   * in it first, in free-symbol order).
   */
  public static ModuleSpec makeSpec(Circuit body, LibraryCircuits order,
      Set<String> excludedNames) {
    List<Circuit> orderList = new ArrayList<>(order.asMap().values());
    List<Symbol> syms = new ArrayList<>(body.freeSymbols());
    syms.sort(Comparator.comparingInt(orderList::indexOf));
    List<ModuleArgSpec> args = new ArrayList<>();
    for (Symbol s : syms) {
      if (!excludedNames.contains(s.name())) {
        args.add(ModuleArgSpec.of(s));
      }
    }
    return ModuleSpec.of(body, args, true, true);
  }
}
