package dev.circuits.ioi.claims;

import java.util.List;

/**
 * What running one claim produced: its verdict with the reason (numbers included), the report
 * blocks, how long it took, and whether its experiment failed with an error.
 */
public record ClaimResult(String id, String title, String statement, Verdict verdict,
    String reason, List<ReportBlock> blocks, double seconds, boolean failed) {
  /** Copies the blocks. */
  public ClaimResult {
    blocks = List.copyOf(blocks);
  }
}
