package dev.circuits.core.eval;

import dev.circuits.core.CircuitException;

/** A circuit could not be evaluated; the message names the offending node and what was expected. */
public final class EvaluationException extends CircuitException {
  /** Creates the exception; the message should name the node. */
  public EvaluationException(String message) {
    super(message);
  }

  /** Creates the exception with the underlying cause (e.g. an ND4J failure). */
  public EvaluationException(String message, Throwable cause) {
    super(message, cause);
  }
}
