package dev.circuits.gpt2;

import dev.circuits.core.CircuitException;

/** Thrown when a tokenizer cannot be loaded or is given ids or text it cannot handle. */
public class TokenizerException extends CircuitException {
  /** Creates an exception naming the offending file, id or text and what was expected. */
  public TokenizerException(String message) {
    super(message);
  }

  /** Creates an exception wrapping a cause. */
  public TokenizerException(String message, Throwable cause) {
    super(message, cause);
  }
}
