package dev.circuits.ioi.planted;

import dev.circuits.core.CircuitException;

/** A planted model's files or roles are missing or malformed, or cannot be written. */
public class PlantedModelException extends CircuitException {
  /** Creates an exception naming the offending file or value and what was expected. */
  public PlantedModelException(String message) {
    super(message);
  }

  /** Creates an exception wrapping a cause. */
  public PlantedModelException(String message, Throwable cause) {
    super(message, cause);
  }
}
