package dev.circuits.ioi;

import dev.circuits.core.CircuitException;

/** An IOI dataset could not be built or transformed; {@link #kind()} says which rule was broken. */
public final class IoiException extends CircuitException {
  /** What went wrong. */
  public enum Kind {
    /** N (the number of prompts) was not positive. */
    INVALID_SIZE,
    /** nb_templates was not positive, odd for a mixed dataset, or more than the template set holds. */
    INVALID_TEMPLATE_COUNT,
    /** A template index pointed outside the dataset's template list. */
    TEMPLATE_INDEX_OUT_OF_RANGE,
    /** A template string was malformed (unknown placeholder, missing name slot, ...). */
    INVALID_TEMPLATE,
    /** The flip name is not one REMIX knows. */
    UNKNOWN_FLIP,
    /** The prompt type is not BABA, ABBA or mixed. */
    UNKNOWN_PROMPT_TYPE,
    /** The flip exists but is not allowed (or not implemented) for this prompt family. */
    ILLEGAL_FLIP,
    /** A word_idx key or label that this prompt family does not have. */
    UNKNOWN_KEY,
    /** A single position was asked for a role whose position differs across prompts. */
    UNALIGNED,
    /** Prompt metadata is inconsistent (mixed families, missing or unknown names, ...). */
    INVALID_METADATA,
    /** A prompt did not tokenize as the IOI structure requires (name not one token, S not twice, ...). */
    TOKENIZATION,
    /** A variant or pairing request that cannot be satisfied. */
    INVALID_VARIANT,
    /** The bundled word lists could not be read. */
    RESOURCE
  }

  private final Kind kind;

  /** Creates the exception; the message names the offending value and what was expected. */
  public IoiException(Kind kind, String message) {
    super(message + " (" + kind + ")");
    this.kind = kind;
  }

  /** Creates the exception with a cause. */
  public IoiException(Kind kind, String message, Throwable cause) {
    super(message + " (" + kind + ")", cause);
    this.kind = kind;
  }

  /** Which rule was broken. */
  public Kind kind() {
    return kind;
  }
}
