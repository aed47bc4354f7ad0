package dev.circuits.core.io;

import dev.circuits.core.CircuitException;
import dev.circuits.core.internal.Json;

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
  private final String detail;

  /** Creates the exception for a problem at character {@code offset} of the text. */
  public JsonException(Reason reason, int offset, String message) {
    super(message + " at character " + offset);
    this.reason = reason;
    this.offset = offset;
    this.detail = message;
  }

  private JsonException(JsonException e, String source, String text) {
    super(source + ": " + e.detail + " at " + location(text, e.offset), e);
    this.reason = e.reason;
    this.offset = e.offset;
    this.detail = e.detail;
  }

  /** This problem in the file (or other source) {@code source} holding {@code text}. */
  public JsonException in(String source, String text) {
    return new JsonException(this, source, text);
  }

  /** What went wrong. */
  public Reason reason() {
    return reason;
  }

  /** The character offset in the text where the problem was found. */
  public int offset() {
    return offset;
  }

  /** {@code line L, column C (character N)}, 1-based, for a character offset of {@code text}. */
  private static String location(String text, int offset) {
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < Math.min(offset, text.length()); i++) {
      if (text.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return "line " + line + ", column " + (offset - lineStart + 1) + " (character " + offset + ")";
  }
}
