package dev.circuits.ioi.discovery;

/**
 * What an ACDC run did: of {@code edgesTotal} edges, {@code edgesTried} were evaluated
 * ({@code evaluations} patched variants in all, re-evaluations after a kept edge included),
 * {@code edgesUnchanged} were removed unevaluated because their sender's output is the same on
 * the corrupted prompts, and {@code edgesDead} because their receiver could no longer reach the
 * output; {@code receiversTried} of the receivers were visited with evaluations.
 */
public record AcdcStats(long edgesTotal, long edgesTried, long evaluations, long edgesUnchanged,
    long edgesDead, int receiversTried, int receiversDead, long edgesKept, double seconds) {
  /** Edges decided per second (tried, unchanged and dead alike). */
  public double edgesPerSecond() {
    return seconds > 0 ? edgesTotal / seconds : 0;
  }

  /** Evaluated edges (patched variants) per second. */
  public double evaluationsPerSecond() {
    return seconds > 0 ? evaluations / seconds : 0;
  }
}
