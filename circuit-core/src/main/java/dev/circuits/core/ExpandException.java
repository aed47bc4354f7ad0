package dev.circuits.core;

/** A node could not be rebuilt around children whose shapes changed (batching or resizing). */
public final class ExpandException extends CircuitException {
  /** Creates the exception; the message names the node and why the new shapes do not fit. */
  public ExpandException(String message) {
    super(message);
  }
}
