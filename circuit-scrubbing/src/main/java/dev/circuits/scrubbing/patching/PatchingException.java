package dev.circuits.scrubbing.patching;

import dev.circuits.core.CircuitException;

/** Bad input to path patching: a missing input node, mis-shaped data, an unknown receiver. */
public class PatchingException extends CircuitException {
  /** Creates an exception naming the offending thing and what was expected. */
  public PatchingException(String message) {
    super(message);
  }
}
