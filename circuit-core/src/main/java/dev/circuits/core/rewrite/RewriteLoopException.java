package dev.circuits.core.rewrite;

import dev.circuits.core.CircuitException;

/** The simplification fixed point did not converge on a node (the rules rewrite in a cycle). */
public final class RewriteLoopException extends CircuitException {
  /** Creates the exception; the message should name the node and the rules that kept firing. */
  public RewriteLoopException(String message) {
    super(message);
  }
}
