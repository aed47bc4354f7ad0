package dev.circuits.ioi.claims;

import dev.circuits.core.eval.Evaluator;
import dev.circuits.ioi.planted.PlantedIoiModel;

/** A claims context on the planted model, shared by the claim tests. */
final class PlantedClaims {
  private PlantedClaims() {}

  /** A fresh context on the planted model with {@code n} prompts. */
  static ClaimContext context(int n) {
    return new ClaimContext(PlantedIoiModel.load(), PlantedIoiModel.NAME,
        ExpectedHeads.planted(PlantedIoiModel.roles()), n,
        Evaluator.builder().memoryBudgetBytes(1L << 30).build(), ClaimProgress.NONE);
  }
}
