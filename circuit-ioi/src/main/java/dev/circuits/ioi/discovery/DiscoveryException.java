package dev.circuits.ioi.discovery;

import dev.circuits.core.CircuitException;

/** Circuit discovery was asked for something it cannot do (a bad threshold, metric or circuit). */
public final class DiscoveryException extends CircuitException {
  /** Creates the exception; the message names the offending value and what was expected. */
  public DiscoveryException(String message) {
    super(message);
  }
}
