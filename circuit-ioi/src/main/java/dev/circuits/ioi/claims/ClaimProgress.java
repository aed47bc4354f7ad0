package dev.circuits.ioi.claims;

/** Receives progress while claims run (the command line draws a bar from it). */
@FunctionalInterface
public interface ClaimProgress {
  /** Ignores progress. */
  ClaimProgress NONE = (claim, step, done, total) -> { };

  /** {@code done} of {@code total} steps of {@code claim} are finished; {@code step} is the next. */
  void update(String claim, String step, int done, int total);
}
