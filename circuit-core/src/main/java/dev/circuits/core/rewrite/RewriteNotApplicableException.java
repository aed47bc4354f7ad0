package dev.circuits.core.rewrite;

import dev.circuits.core.CircuitException;

/** A rewrite does not apply to the circuit it was given; the message says why. */
public class RewriteNotApplicableException extends CircuitException {
  private final String rewrite;

  /** Creates the exception for the rewrite named {@code rewrite}, e.g. {@code add_flatten}. */
  public RewriteNotApplicableException(String rewrite, String why) {
    super(rewrite + ": " + why);
    this.rewrite = rewrite;
  }

  /** The rust_circuit-style name of the rewrite that did not apply. */
  public String rewrite() {
    return rewrite;
  }
}
