package dev.circuits.gpt2.model;

import dev.circuits.core.CircuitException;
import java.util.List;

/** A checkpoint is missing tensors or has tensors of the wrong shape; lists every problem. */
public final class CheckpointException extends CircuitException {
  private final List<String> problems;

  /** Creates the exception for a checkpoint source and its problems. */
  public CheckpointException(String source, List<String> problems) {
    super(source + ": " + problems.size() + " problem(s) with the GPT-2 checkpoint:\n  - "
        + String.join("\n  - ", problems));
    this.problems = List.copyOf(problems);
  }

  /** Every problem found. */
  public List<String> problems() {
    return problems;
  }
}
