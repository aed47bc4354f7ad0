package dev.circuits.core.library;

import dev.circuits.core.CircuitException;

/** A model file or a module-library request cannot be read or built; the message says why. */
public final class ModelFileException extends CircuitException {
  /** Creates the exception with a message naming the offending file, field or circuit. */
  public ModelFileException(String message) {
    super(message);
  }

  /** Creates the exception with a cause. */
  public ModelFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
