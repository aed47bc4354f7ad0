package dev.circuits.ioi.planted;

import dev.circuits.gpt2.model.Head;
import java.util.function.Supplier;

/**
 * A planted head: its role and description, and how to make the weights that make it do that
 * (computed on demand, so that listing a model's roles builds no weights).
 */
record DesignedHead(PlantedHead info, Supplier<HeadWeights> design) {
  /** A head at {@code layer.head} with {@code role} whose weights {@code w} builds. */
  static DesignedHead of(int layer, int head, PlantedRole role, String description,
      Supplier<HeadWeights> w) {
    return new DesignedHead(new PlantedHead(new Head(layer, head), role, description), w);
  }

  /** A head at {@code layer.head} with {@code role} and the weights {@code w}. */
  static DesignedHead of(int layer, int head, PlantedRole role, String description,
      HeadWeights w) {
    return of(layer, head, role, description, () -> w);
  }

  /** The head's weights, its output balanced to sum zero (built on every call). */
  HeadWeights weights() {
    return design.get().balanced();
  }
}
