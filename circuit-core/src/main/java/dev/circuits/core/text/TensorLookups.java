package dev.circuits.core.text;

import dev.circuits.core.Array;
import java.util.function.Function;

/** Resolving tensor hash prefixes through the parser's lookup, with a hash check. */
final class TensorLookups {
  private TensorLookups() {}

  /** Thrown when a tensor hash prefix cannot be resolved. */
  static final class UnknownTensor extends RuntimeException {
    UnknownTensor(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** The Array for a hash prefix; throws {@link UnknownTensor} when unresolved. */
  static Array resolve(Function<String, Array> lookup, String prefix) {
    if (lookup == null) {
      throw new UnknownTensor("no tensor lookup configured to resolve hash prefix '"
          + prefix + "' (pass ParserOptions.withTensorLookup, e.g. store::load)", null);
    }
    Array a;
    try {
      a = lookup.apply(prefix);
    } catch (RuntimeException e) {
      throw new UnknownTensor("tensor lookup failed for hash prefix '" + prefix
          + "': " + e.getMessage(), e);
    }
    if (a == null) {
      throw new UnknownTensor("no tensor with hash prefix '" + prefix + "'", null);
    }
    if (!a.tensorHashHex().startsWith(prefix.toLowerCase(java.util.Locale.ROOT))) {
      throw new UnknownTensor("tensor lookup for prefix '" + prefix
          + "' returned a tensor with hash " + a.tensorHashHex(), null);
    }
    return a;
  }
}
