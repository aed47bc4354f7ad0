package dev.circuits.ioi.claims;

/** A claim about the IOI circuit with the experiments that test it (REMIX day 5). */
public interface Claim {
  /** Short id used on the command line ({@code "2"}). */
  String id();

  /** A title for the report. */
  String title();

  /** The claim as REMIX states it. */
  String statement();

  /** Runs the experiments and writes the findings, verdict and reason into {@code report}. */
  void run(ClaimContext context, ClaimReport report);
}
