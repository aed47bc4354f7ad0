package dev.circuits.core.match;

import dev.circuits.core.CircuitException;

/** A matcher, getter, updater or expander could not do what was asked; {@link #reason()} says why. */
public final class MatchException extends CircuitException {
  /** What went wrong, named after rust_circuit's errors where there is one. */
  public enum Reason {
    /** A per-child update list does not have one entry per child. */
    NUM_UPDATED_MATCHERS_NEQ_NUM_CHILDREN,
    /** A children matcher names a child number the matched node does not have. */
    CHILD_NUMBERS_OUT_OF_BOUNDS,
    /** A module-only matcher (spec circuit, module arg) matched a node that is not a Module. */
    EXPECTED_MODULE,
    /** fancy_validate: a matcher names something that was not found. */
    VALIDATION_FAILED,
    /** {@code getUnique} found zero or several matches. */
    NOT_UNIQUE,
    /** {@code assertAnyFound}: nothing matched. */
    NO_MATCHES_FOUND,
    /** An updated child does not fit its parent (the parent's constructor rejected it). */
    REBUILD_FAILED,
    /** An expander with {@code banMultipleMatchesOnNode} had several matchers match one node. */
    MULTIPLE_MATCHES,
    /** A regex pattern does not compile. */
    INVALID_REGEX,
    /** A chain was given no matchers, or a transform returned null. */
    INVALID_ARGUMENT
  }

  private final Reason reason;

  /** Creates the exception; the message names the matcher and node involved. */
  public MatchException(Reason reason, String message) {
    super(message + " (" + reason + ")");
    this.reason = reason;
  }

  /** Creates the exception with the error that caused it. */
  public MatchException(Reason reason, String message, Throwable cause) {
    super(message + " (" + reason + ")", cause);
    this.reason = reason;
  }

  /** Why the operation failed. */
  public Reason reason() {
    return reason;
  }
}
