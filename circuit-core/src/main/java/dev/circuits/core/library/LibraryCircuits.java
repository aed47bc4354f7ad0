package dev.circuits.core.library;

import dev.circuits.core.Add;
import dev.circuits.core.Circuit;
import dev.circuits.core.Module;
import dev.circuits.core.ModuleArgSpec;
import dev.circuits.core.ModuleSpec;
import dev.circuits.core.Scalar;
import dev.circuits.core.Symbol;
import dev.circuits.core.match.CircuitManipulation;
import dev.circuits.core.text.Parser;
import dev.circuits.core.text.ParserOptions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An insertion-ordered, immutable map from names to library circuits: module_library.py's
 * {@code circs} dicts. The order matters: it decides the order of module arguments, and with it
 * the uuids rust_circuit draws for per-layer weight symbols.
 */
public final class LibraryCircuits {
  private static final LibraryCircuits EMPTY = new LibraryCircuits(new LinkedHashMap<>());

  private final Map<String, Circuit> circuits;

  private LibraryCircuits(LinkedHashMap<String, Circuit> circuits) {
    this.circuits = Collections.unmodifiableMap(circuits);
  }

  /** No circuits. */
  public static LibraryCircuits empty() {
    return EMPTY;
  }

  /** The circuits by name, in insertion order. */
  public Map<String, Circuit> asMap() {
    return circuits;
  }

  /** The circuit named {@code name}; throws when absent. */
  public Circuit get(String name) {
    Circuit c = circuits.get(name);
    if (c == null) {
      throw new ModelFileException("the module library has no circuit named '" + name + "'");
    }
    return c;
  }

  /** Whether a circuit is named {@code name}. */
  public boolean contains(String name) {
    return circuits.containsKey(name);
  }

  /** These circuits followed by {@code other}'s (an existing name keeps its position). */
  public LibraryCircuits plus(LibraryCircuits other) {
    LinkedHashMap<String, Circuit> m = new LinkedHashMap<>(circuits);
    m.putAll(other.circuits);
    return new LibraryCircuits(m);
  }

  /** These circuits with {@code name} set to {@code c} (appended when new). */
  public LibraryCircuits with(String name, Circuit c) {
    LinkedHashMap<String, Circuit> m = new LinkedHashMap<>(circuits);
    m.put(name, c);
    return new LibraryCircuits(m);
  }

  /** These circuits without the given names. */
  public LibraryCircuits without(String... names) {
    LinkedHashMap<String, Circuit> m = new LinkedHashMap<>(circuits);
    for (String n : names) {
      m.remove(n);
    }
    return new LibraryCircuits(m);
  }

  /**
   * module_library's {@code add_new_circs}: parses {@code text} with these circuits as reference
   * circuits (by name) and adds its roots by name.
   */
  public LibraryCircuits addNew(String text) {
    Parser parser = new Parser(ParserOptions.defaults().withReferenceCircuits(circuits));
    LinkedHashMap<String, Circuit> m = new LinkedHashMap<>(circuits);
    Map<String, Circuit> roots = new LinkedHashMap<>();
    for (Circuit c : parser.parseCircuits(text)) {
      if (!c.isNamed()) {
        throw new ModelFileException("library text has an unnamed root " + c.describe());
      }
      if (roots.put(c.name(), c) != null) {
        throw new ModelFileException("library text has two roots named '" + c.name() + "'");
      }
    }
    m.putAll(roots);
    return new LibraryCircuits(m);
  }

  /**
   * module_library's {@code zero_input}: every circuit but {@code name} with the nodes named
   * {@code name} replaced by zeros, then simplified (zero Add operands dropped, one-operand Adds
   * replaced by their operand, unused module arguments removed), keyed by its new name.
   */
  public LibraryCircuits zeroInput(String name) {
    LinkedHashMap<String, Circuit> m = new LinkedHashMap<>();
    for (Map.Entry<String, Circuit> e : circuits.entrySet()) {
      if (e.getKey().equals(name)) {
        continue;
      }
      Circuit c = simplifyZeros(zeroNamed(e.getValue(), name));
      if (m.put(c.name(), c) != null) {
        throw new ModelFileException("zeroing '" + name + "' made two circuits named '"
            + c.name() + "'");
      }
    }
    return new LibraryCircuits(m);
  }

  private static Circuit zeroNamed(Circuit c, String name) {
    Map<Circuit, Circuit> zeros = new HashMap<>();
    for (Circuit n : c.postOrder()) {
      if (name.equals(n.name())) {
        zeros.put(n, Scalar.of(0.0, n.shape(), null));
      }
    }
    return zeros.isEmpty() ? c : CircuitManipulation.replaceNodes(c, zeros);
  }

  private static Circuit simplifyZeros(Circuit c) {
    return CircuitManipulation.deepMap(c, LibraryCircuits::simplifyNode);
  }

  private static Circuit simplifyNode(Circuit c) {
    if (c instanceof Add add) {
      List<Circuit> kept = new ArrayList<>();
      for (Circuit ch : add.children()) {
        if (!(ch instanceof Scalar s && s.value() == 0.0)) {
          kept.add(ch);
        }
      }
      if (kept.size() == add.numChildren()) {
        return c;
      }
      Circuit fewer = Add.of(kept, add.name());
      if (!fewer.shape().equals(add.shape())) {
        return c;
      }
      if (kept.isEmpty()) {
        return Scalar.of(0.0, add.shape(), add.name());
      }
      return kept.size() == 1 ? kept.get(0) : fewer;
    }
    if (c instanceof Module m) {
      return removeUnusedArgs(m);
    }
    return c;
  }

  private static Circuit removeUnusedArgs(Module m) {
    Set<Symbol> free = m.spec().circuit().freeSymbols();
    List<ModuleArgSpec> specs = new ArrayList<>();
    List<Circuit> args = new ArrayList<>();
    for (int i = 0; i < m.args().size(); i++) {
      ModuleArgSpec as = m.spec().argSpecs().get(i);
      if (free.contains(as.symbol())) {
        specs.add(as);
        args.add(m.args().get(i));
      }
    }
    if (specs.size() == m.args().size()) {
      return m;
    }
    return Module.of(ModuleSpec.of(m.spec().circuit(), specs, true, false), args, m.name());
  }
}
