package dev.circuits.ioi.claims;

import java.util.List;

/**
 * How a claims run was made, for the report's header: the exact command, the model, N, where the
 * expected heads come from, when it started, how long it took, and warnings to show above all
 * results (e.g. that the model barely does IOI).
 */
public record RunInfo(String command, String model, int n, String expectedSource,
    String startedAt, double seconds, List<String> warnings) {
  /** Copies the warnings. */
  public RunInfo {
    warnings = List.copyOf(warnings);
  }

  /** A run without warnings. */
  public RunInfo(String command, String model, int n, String expectedSource, String startedAt,
      double seconds) {
    this(command, model, n, expectedSource, startedAt, seconds, List.of());
  }
}
