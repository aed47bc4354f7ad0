package dev.circuits.scrubbing;

/** A conditional sampler found no row of the source dataset agreeing with a reference row. */
public final class NoMatchingSamplesException extends ScrubbingException {
  /** Creates the exception; the message names the sampler and the unmatched feature value. */
  public NoMatchingSamplesException(String message) {
    super(message);
  }
}
