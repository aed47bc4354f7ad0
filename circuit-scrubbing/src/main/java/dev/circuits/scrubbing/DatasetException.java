package dev.circuits.scrubbing;

/** A {@link Dataset} was built or used inconsistently (lengths, names, missing arrays). */
public final class DatasetException extends ScrubbingException {
  /** Creates the exception; the message names the dataset arrays involved. */
  public DatasetException(String message) {
    super(message);
  }
}
