package dev.circuits.scrubbing;

/**
 * A {@link Correspondence} is malformed (rust_circuit's {@code IllegalCorrespondenceError}); the
 * {@link #reason()} says which rule was broken and the message names the interpretation nodes.
 */
public final class IllegalCorrespondenceException extends ScrubbingException {
  /** The rule a correspondence broke. */
  public enum Reason {
    /** The same InterpNode was added twice. */
    DUPLICATE_NODE,
    /** Two InterpNodes with the same name were added. */
    DUPLICATE_NAME,
    /** A node or name was looked up but is not in the correspondence. */
    NOT_IN_CORRESPONDENCE,
    /** The correspondence is empty. */
    EMPTY,
    /** Several nodes have no parent in the correspondence. */
    MULTIPLE_ROOTS,
    /** Every node has a parent (the interpretation is not a tree). */
    NO_ROOT,
    /** A child of a mapped node is not mapped. */
    INCOMPLETE,
    /** The root is not mapped to {@code IterativeMatcher.corrRootMatcher()}. */
    ROOT_NOT_MODEL,
    /** A circuit node is matched by several InterpNodes after treeification. */
    NOT_INJECTIVE,
    /** A matcher does not find exactly one circuit node. */
    NOT_WELL_DEFINED,
    /** A matcher extended to the inputs finds no input. */
    NO_INPUTS_FOUND,
    /** A node's matched circuits are not below its parent's. */
    NOT_A_DESCENDANT,
    /** A node's inputs were last tagged by a node that is not its parent. */
    WRONG_PARENT
  }

  private final Reason reason;

  /** Creates the exception for {@code reason}. */
  public IllegalCorrespondenceException(Reason reason, String message) {
    super(message + " (" + reason + ")");
    this.reason = reason;
  }

  /** Which rule was broken. */
  public Reason reason() {
    return reason;
  }
}
