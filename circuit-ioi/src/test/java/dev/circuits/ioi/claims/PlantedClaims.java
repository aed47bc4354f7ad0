package dev.circuits.ioi.claims;

import dev.circuits.core.eval.Evaluator;
import dev.circuits.ioi.planted.PlantedIoiModel;

/** A claims context on the planted model, shared by the claim tests. */
final class PlantedClaims {
  private static final java.util.Map<Integer, ClaimContext> SHARED = new java.util.HashMap<>();

  private PlantedClaims() {}

  /**
   * One context per N for the whole test JVM, so claims that share sweeps (name movers,
   * S-inhibition) compute them once; results do not depend on which test ran first.
   */
  static synchronized ClaimContext shared(int n) {
    return SHARED.computeIfAbsent(n, PlantedClaims::context);
  }

  /** A fresh context on the planted model with {@code n} prompts. */
  static ClaimContext context(int n) {
    return new ClaimContext(PlantedIoiModel.load(), PlantedIoiModel.NAME,
        ExpectedHeads.planted(PlantedIoiModel.roles()), n,
        Evaluator.builder().memoryBudgetBytes(1L << 30).build(), ClaimProgress.NONE);
  }
}
