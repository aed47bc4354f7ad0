package dev.circuits.scrubbing;

import java.util.Objects;
import java.util.UUID;

/**
 * Asks that a sampler reuse up to {@code size} sampled datasets per (source dataset, reference
 * equivalence class) instead of sampling afresh each time; samplers with equal annotations share
 * pools. Size 1 means "sample together"; 4-10 speeds up deep treeified models.
 */
public record PoolAnnotation(int size, UUID id) {
  /** Validates the size (at least 1) and id. */
  public PoolAnnotation {
    if (size <= 0) {
      throw new ScrubbingException("a pool needs size >= 1, got " + size);
    }
    Objects.requireNonNull(id, "id");
  }

  /** A pool of {@code size} with a fresh id (the id only decides which samplers share it). */
  public static PoolAnnotation fresh(int size) {
    return new PoolAnnotation(size, UUID.randomUUID());
  }
}
