package dev.circuits.core.text;

import dev.circuits.core.Array;
import dev.circuits.core.Circuit;
import dev.circuits.core.GeneralFunction;
import dev.circuits.core.TensorHash;
import dev.circuits.core.spec.CastSpec;
import dev.circuits.core.spec.GenIndexSpec;
import java.util.HashMap;
import java.util.Map;

/** The dtype a node computes in, as rust_circuit infers it (Scalars and Symbols have none). */
final class Dtypes {
  private Dtypes() {}

  /** The dtype name ({@code float32}, {@code int8}, ...) or null when unknown. */
  static String of(Circuit c) {
    return of(c, new HashMap<>());
  }

  private static String of(Circuit c, Map<Circuit, String> memo) {
    if (memo.containsKey(c)) {
      return memo.get(c);
    }
    String out;
    switch (c.kind()) {
      case ARRAY:
        out = TensorHash.dtypeTag(((Array) c).value().dataType()).replace("-", "");
        break;
      case SCALAR:
      case SYMBOL:
        out = null;
        break;
      case GENERAL_FUNCTION:
        GeneralFunction gf = (GeneralFunction) c;
        if (gf.spec() instanceof CastSpec cast && cast.toDtype() != null) {
          out = cast.toDtype();
        } else if (gf.spec() instanceof GenIndexSpec) {
          out = of(c.child(0), memo);
        } else {
          out = firstOfChildren(c, memo);
        }
        break;
      default:
        out = firstOfChildren(c, memo);
    }
    memo.put(c, out);
    return out;
  }

  private static String firstOfChildren(Circuit c, Map<Circuit, String> memo) {
    for (Circuit child : c.children()) {
      String d = of(child, memo);
      if (d != null) {
        return d;
      }
    }
    return null;
  }
}
