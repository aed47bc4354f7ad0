package dev.circuits.ioi.experiments;

import dev.circuits.core.CircuitException;

/** A hypothesis file is not valid; {@link #path()} names the offending JSON value. */
public final class HypothesisFileException extends CircuitException {
  /** What went wrong. */
  public enum Reason {
    /** The text is not JSON. */
    NOT_JSON,
    /** A required key is absent. */
    MISSING_KEY,
    /** A key the format does not define. */
    UNKNOWN_KEY,
    /** A value of the wrong JSON type or outside the allowed values. */
    BAD_VALUE,
    /** Two nodes share a name. */
    DUPLICATE_NAME
  }

  private final Reason reason;
  private final String path;

  /** Creates the exception for the value at JSON path {@code path} (e.g. {@code $.root.cond}). */
  public HypothesisFileException(Reason reason, String path, String message) {
    super(path + ": " + message);
    this.reason = reason;
    this.path = path;
  }

  /** Creates the exception with a cause (e.g. the JSON syntax error). */
  public HypothesisFileException(Reason reason, String path, String message, Throwable cause) {
    super(path + ": " + message, cause);
    this.reason = reason;
    this.path = path;
  }

  /** What went wrong. */
  public Reason reason() {
    return reason;
  }

  /** The JSON path of the offending value, {@code $} for the whole document. */
  public String path() {
    return path;
  }
}
