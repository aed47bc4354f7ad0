package dev.circuits.core.text;

import dev.circuits.core.CircuitException;
import java.nio.file.Path;

/** No tensor in a {@link TensorStore} has a hash starting with the given prefix. */
public final class TensorNotFoundException extends CircuitException {
  private final String prefix;

  /** Creates the exception for {@code prefix} looked up in store directory {@code dir}. */
  public TensorNotFoundException(String prefix, Path dir) {
    super("no tensor with hash prefix '" + prefix + "' in tensor store " + dir);
    this.prefix = prefix;
  }

  /** The prefix that matched nothing. */
  public String prefix() {
    return prefix;
  }
}
