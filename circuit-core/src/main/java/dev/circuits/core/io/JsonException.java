package dev.circuits.core.io;

import dev.circuits.core.CircuitException;

/** Text is not JSON, or uses a JSON feature {@link Json} does not support. */
public final class JsonException extends CircuitException {
  /** What went wrong. */
  public enum Reason {
    /** The text is not well-formed JSON. */
    SYNTAX,
    /** An object has the same key twice. */
    DUPLICATE_KEY,
    /** Well-formed JSON outside the supported subset (e.g. a fractional number). */
    UNSUPPORTED,
    /** Arrays/objects nest deeper than the parser allows. */
    TOO_DEEP
  }

  private final Reason reason;
  private final int offset;

  /** Creates the exception for a problem at character {@code offset} of the text. */
  public JsonException(Reason reason, int offset, String message) {
    super(message + " at character " + offset);
    this.reason = reason;
    this.offset = offset;
  }

  /** What went wrong. */
  public Reason reason() {
    return reason;
  }

  /** The character offset in the text where the problem was found. */
  public int offset() {
    return offset;
  }
}
