package dev.circuits.scrubbing;

/** ANSI colours for printing which dataset feeds a node (rust_circuit's {@code color_dataset}). */
final class DatasetColors {
  /** rust_circuit's colour table; a colorer's small integers index it. */
  private static final int[] CODES = {31, 32, 33, 34, 35, 36, 90, 91, 92, 93, 94, 95, 96, 97};
  /** Nodes with no dataset, and nodes outside every matched path (dark grey). */
  static final int NONE = CODES[6];
  /** Nodes on a matched path that are not themselves matched (light grey). */
  static final int ON_PATH = CODES[13];

  private DatasetColors() {}

  /** The colour of {@code ds}: one of six codes chosen by its hash, or {@link #NONE} for null. */
  static int of(Dataset ds) {
    return ds == null ? NONE : CODES[2 + Math.floorMod(ds.hashCode(), 6)];
  }
}
