package dev.circuits.scrubbing;

import dev.circuits.core.CircuitException;

/** Root of the causal-scrubbing exceptions: bad datasets, samplers, correspondences or options. */
public class ScrubbingException extends CircuitException {
  /** Creates an exception whose message names the offending thing and what was expected. */
  public ScrubbingException(String message) {
    super(message);
  }
}
