package dev.circuits.core;

/** Root of every exception the circuit library throws on bad input or impossible operations. */
public class CircuitException extends RuntimeException {
  /** Creates an exception with a message naming the offending thing and what was expected. */
  public CircuitException(String message) {
    super(message);
  }

  /** Creates an exception wrapping a cause. */
  public CircuitException(String message, Throwable cause) {
    super(message, cause);
  }
}
