package dev.circuits.ioi.plot;

import dev.circuits.core.CircuitException;

/** A plot that cannot be built (mis-shaped data) or written (I/O). */
public class PlotException extends CircuitException {
  /** Creates an exception naming the offending input and what was expected. */
  public PlotException(String message) {
    super(message);
  }

  /** Creates an exception wrapping a cause. */
  public PlotException(String message, Throwable cause) {
    super(message, cause);
  }
}
