package dev.circuits.core.text;

import dev.circuits.core.CircuitException;
import dev.circuits.core.util.Texts;

/** A {@code .circ} text could not be parsed; names the 1-based line, its text and the reason. */
public final class ParseException extends CircuitException {
  /** What went wrong, after rust_circuit's ParseCircuitError variants. */
  public enum Reason {
    /** The line does not match the line grammar. */
    REGEX_DIDNT_MATCH,
    /** A line is indented less than the first line. */
    LESS_INDENTATION_THAN_FIRST_ITEM,
    /** Indentation is not a multiple of two spaces, or skips a level. */
    INVALID_INDENTATION,
    /** A node is its own ancestor. */
    CYCLE,
    /** A repeated identifier carries different info (name, shape, variant, extra, AD). */
    REPEAT_INFO_NOT_SAME,
    /** A repeated identifier has children. */
    REPEAT_WITH_CHILDREN,
    /** A reference circuit line has children. */
    REFERENCE_WITH_CHILDREN,
    /** A reference circuit line carries more than its identifier. */
    REFERENCE_WITH_INFO,
    /** A {@code !} binding on a child of a non-module (or on a module's spec circuit). */
    UNEXPECTED_CHILD_INFO,
    /** A {@code !} binding on a root line. */
    PARENT_INFO_WITHOUT_PARENT,
    /** A module argument without a {@code ! symbol} binding. */
    MODULE_ARG_WITHOUT_BINDING,
    /** A module without a spec circuit child. */
    MODULE_WITHOUT_SPEC,
    /** A module binding names something that is not a Symbol. */
    MODULE_EXPECTED_SYMBOL,
    /** The shape given on the line differs from the computed one. */
    SHAPE_MISMATCH,
    /** The shape could not be read. */
    INVALID_SHAPE,
    /** The variant name is not a node type. */
    UNKNOWN_VARIANT,
    /** The variant exists in rust_circuit but not in this library (Cumulant, Conv, ...). */
    UNSUPPORTED_VARIANT,
    /** A new identifier without a variant. */
    MISSING_VARIANT,
    /** A bare identifier that was never defined. */
    UNKNOWN_IDENTIFIER,
    /** The general function name is neither built in nor registered. */
    UNKNOWN_GENERAL_FUNCTION,
    /** The variant needs a shape on the line (Scalar, Symbol, Scatter, random Array). */
    MISSING_SHAPE,
    /** parseCircuit found zero or several roots. */
    WRONG_NUMBER_OF_ROOTS,
    /** The variant takes a different number of children. */
    WRONG_NUMBER_OF_CHILDREN,
    /** An Array hash (or index tensor hash) prefix could not be resolved. */
    UNKNOWN_TENSOR,
    /** The per-variant payload is malformed (number, uuid, einsum or index string...). */
    BAD_EXTRA,
    /** The node could not be built from valid-looking parts (wraps a ConstructException). */
    CONSTRUCTION_FAILED
  }

  private final Reason reason;
  private final int lineNumber;
  private final String line;

  ParseException(Reason reason, int lineNumber, String line, String detail, Throwable cause) {
    super("line " + lineNumber + ": " + clipDetail(detail) + " (" + reason + ")\n  | "
        + Texts.clip(line), cause);
    this.reason = reason;
    this.lineNumber = lineNumber;
    this.line = line;
  }

  ParseException(Reason reason, int lineNumber, String line, String detail) {
    this(reason, lineNumber, line, detail, null);
  }

  /** The detail, quoting at most a few thousand characters of a huge input. */
  private static String clipDetail(String detail) {
    return detail.length() <= 10 * Texts.MAX_QUOTED ? detail
        : detail.substring(0, 10 * Texts.MAX_QUOTED) + "... (" + detail.length()
            + " characters)";
  }

  /** Why parsing failed. */
  public Reason reason() {
    return reason;
  }

  /** The 1-based number of the offending line (0 when no line is to blame). */
  public int lineNumber() {
    return lineNumber;
  }

  /** The offending line's text. */
  public String line() {
    return line;
  }
}
