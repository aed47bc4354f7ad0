package dev.circuits.ioi.planted;

/** A planted head: its role and description, and the weights that make it do that. */
record DesignedHead(PlantedHead info, HeadWeights weights) {
  /** A head at {@code layer.head} with {@code role}, its output balanced to sum zero. */
  static DesignedHead of(int layer, int head, PlantedRole role, String description,
      HeadWeights w) {
    return new DesignedHead(new PlantedHead(new HeadRef(layer, head), role, description),
        w.balanced());
  }
}
