package dev.circuits.core.rewrite;

import dev.circuits.core.CircuitException;

/** A simplification rule name is not in the catalogue. */
public final class UnknownRuleException extends CircuitException {
  /** Creates the exception naming the unknown rules and the valid names. */
  public UnknownRuleException(String message) {
    super(message);
  }
}
