package dev.circuits.gpt2.model;

import dev.circuits.core.CircuitException;
import java.util.List;

/**
 * A checkpoint is missing tensors or has tensors of the wrong shape; lists the first
 * {@value #MAX_LISTED} problems and counts the rest.
 */
public final class CheckpointException extends CircuitException {
  /** How many problems the message (and {@link #problems()}) list; the rest are counted. */
  public static final int MAX_LISTED = 20;

  private final List<String> problems;
  private final long problemCount;

  /** Creates the exception for a checkpoint source and all its problems. */
  public CheckpointException(String source, List<String> problems) {
    this(source, problems.subList(0, Math.min(MAX_LISTED, problems.size())), problems.size());
  }

  /** Creates the exception for the first problems found and the total number of problems. */
  public CheckpointException(String source, List<String> firstProblems, long problemCount) {
    super(message(source, firstProblems, problemCount));
    this.problems = List.copyOf(firstProblems.subList(0,
        Math.min(MAX_LISTED, firstProblems.size())));
    this.problemCount = problemCount;
  }

  private static String message(String source, List<String> first, long count) {
    List<String> listed = first.subList(0, Math.min(MAX_LISTED, first.size()));
    String more = count > listed.size() ? "\n  ... and " + (count - listed.size()) + " more" : "";
    return source + ": " + count + " problem(s) with the GPT-2 checkpoint:\n  - "
        + String.join("\n  - ", listed) + more;
  }

  /** The first problems found (at most {@value #MAX_LISTED}). */
  public List<String> problems() {
    return problems;
  }

  /** How many problems there are in all. */
  public long problemCount() {
    return problemCount;
  }
}
