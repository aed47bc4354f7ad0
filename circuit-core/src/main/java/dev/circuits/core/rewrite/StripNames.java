package dev.circuits.core.rewrite;

import dev.circuits.core.Circuit;
import dev.circuits.core.Kind;
import dev.circuits.core.Symbol;
import dev.circuits.core.Tag;
import dev.circuits.core.match.CircuitManipulation;

/**
 * rust_circuit's {@code strip_names_and_tags}: removes every Tag and every name, except that a
 * named Array or Symbol (whose name matters: it identifies a symbol, and irreducible nodes are
 * never renamed) keeps it and is wrapped in an unnamed Tag with the nil uuid.
 */
public final class StripNames {
  private StripNames() {}

  /** {@code c} without names and Tags (Array/Symbol names kept under a nil-uuid Tag). */
  public static Circuit stripNamesAndTags(Circuit c) {
    return CircuitManipulation.deepMap(c, StripNames::strip);
  }

  private static Circuit strip(Circuit c) {
    if (c instanceof Tag t) {
      return t.node();
    }
    if (!c.isNamed()) {
      return c;
    }
    if (c.kind() == Kind.ARRAY || c.kind() == Kind.SYMBOL) {
      return Tag.of(c, Symbol.NIL, null).rename(null);
    }
    return c.rename(null);
  }
}
