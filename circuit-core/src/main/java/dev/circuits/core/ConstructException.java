package dev.circuits.core;

/** A node could not be built: its inputs break one of the node type's rules. */
public final class ConstructException extends CircuitException {
  /** The rule that was broken, named after rust_circuit's ConstructError variants. */
  public enum Rule {
    EINSUM_WRONG_NUM_AXES,
    EINSUM_AXIS_SIZE_DIFFERENT,
    EINSUM_OUTPUT_AXIS_NOT_IN_INPUT,
    ADD_NO_BROADCAST,
    REARRANGE_SPEC_INVALID,
    REARRANGE_WRONG_INPUT_SHAPE,
    INDEX_OUT_OF_BOUNDS,
    INDEX_RANK_TOO_HIGH,
    INDEX_TENSOR_INVALID,
    CONCAT_EMPTY,
    CONCAT_SHAPE_MISMATCH,
    CONCAT_AXIS_OUT_OF_BOUNDS,
    SCATTER_INVALID,
    GENERAL_FUNCTION_WRONG_INPUT,
    MODULE_WRONG_NUM_ARGS,
    MODULE_ARG_RANK_TOO_LOW,
    MODULE_ARG_SHAPE_MISMATCH,
    MODULE_UNUSED_ARG,
    MODULE_DUPLICATE_ARG_NAME,
    MODULE_BATCH_MISMATCH,
    DISCRETE_VAR_INVALID,
    NAMED_AXIS_INVALID,
    ARRAY_INVALID,
    SET_SYMBOLIC_SHAPE_INVALID,
    SHAPE_INVALID
  }

  private final Rule rule;

  /** Creates the exception for {@code rule}; the message should name the node. */
  public ConstructException(Rule rule, String message) {
    super(message + " (" + rule + ")");
    this.rule = rule;
  }

  /** The rule that was broken. */
  public Rule rule() {
    return rule;
  }
}
