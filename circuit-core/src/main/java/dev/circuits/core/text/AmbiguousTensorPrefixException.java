package dev.circuits.core.text;

import dev.circuits.core.CircuitException;
import java.nio.file.Path;
import java.util.List;

/** A hash prefix matches more than one tensor in a {@link TensorStore}. */
public final class AmbiguousTensorPrefixException extends CircuitException {
  private static final int SHOWN = 10;
  private final String prefix;
  private final List<String> candidates;

  /** Creates the exception; {@code candidates} are the full hashes that match. */
  public AmbiguousTensorPrefixException(String prefix, Path dir, List<String> candidates) {
    super("hash prefix '" + prefix + "' matches " + candidates.size() + " tensors in tensor store "
        + dir + ": " + String.join(", ", candidates.subList(0, Math.min(SHOWN, candidates.size())))
        + (candidates.size() > SHOWN ? ", ..." : "") + " (give more hex digits)");
    this.prefix = prefix;
    this.candidates = List.copyOf(candidates);
  }

  /** The ambiguous prefix. */
  public String prefix() {
    return prefix;
  }

  /** The full hex hashes the prefix matches, sorted. */
  public List<String> candidates() {
    return candidates;
  }
}
