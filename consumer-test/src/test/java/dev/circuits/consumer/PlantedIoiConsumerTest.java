package dev.circuits.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.circuits.core.eval.Evaluator;
import dev.circuits.ioi.IoiDataset;
import dev.circuits.ioi.experiments.LogitDiffStats;
import dev.circuits.ioi.planted.PlantedIoiModel;
import org.junit.jupiter.api.Test;

/** A user's first experiment: the planted IOI model prefers the indirect object. */
class PlantedIoiConsumerTest {
  @Test
  void plantedModelPrefersTheIndirectObject() {
    IoiDataset ds = IoiDataset.builder().n(8).seed(42).build();
    LogitDiffStats ld = LogitDiffStats.of(PlantedIoiModel.load(), ds, Evaluator.create());
    assertTrue(ld.mean() > 3, "mean logit difference " + ld.mean());
    assertEquals(1.0, ld.accuracy(), "share of prompts preferring IO");
  }
}
