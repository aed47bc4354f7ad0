package dev.circuits.scrubbing;

/** An on-the-fly data source kept returning rows that break the sampler's condition. */
public final class ConditionNotMetException extends ScrubbingException {
  /** Creates the exception; the message names the source, the rows and the feature values. */
  public ConditionNotMetException(String message) {
    super(message);
  }
}
