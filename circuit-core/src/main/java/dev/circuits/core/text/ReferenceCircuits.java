package dev.circuits.core.text;

import dev.circuits.core.Circuit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reference circuits (identifier to circuit) shared by the printer's and parser's options. */
final class ReferenceCircuits {
  private ReferenceCircuits() {}

  /** {@code existing} plus {@code circuits} identified by their own names (named, unique). */
  static Map<String, Circuit> addByName(Map<String, Circuit> existing, List<Circuit> circuits) {
    Map<String, Circuit> m = new LinkedHashMap<>(existing);
    for (Circuit c : circuits) {
      if (!c.isNamed()) {
        throw new IllegalArgumentException("reference circuit " + c + " has no name");
      }
      if (m.put(c.name(), c) != null) {
        throw new IllegalArgumentException("duplicate reference identifier '" + c.name() + "'");
      }
    }
    return m;
  }
}
