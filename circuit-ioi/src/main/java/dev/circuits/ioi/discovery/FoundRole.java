package dev.circuits.ioi.discovery;

/** The part a discovered head plays, read off the circuit's structure ({@link FoundRoles}). */
public enum FoundRole {
  /** Feeds the logits and raises the metric (removing its edge lowers it). */
  NAME_MOVER("name mover"),
  /** Feeds the logits and lowers the metric. */
  NEGATIVE_NAME_MOVER("negative name mover"),
  /** Feeds a mover's query. */
  S_INHIBITION("S-inhibition"),
  /** Feeds an S-inhibition head's key or value, with a head feeding its own key. */
  INDUCTION("induction"),
  /** Feeds an S-inhibition head's key or value, no head feeding its key. */
  DUPLICATE_TOKEN("duplicate token"),
  /** Feeds an induction head's key. */
  PREVIOUS_TOKEN("previous token"),
  /** Anything else in the circuit. */
  OTHER("other");

  private final String label;

  FoundRole(String label) {
    this.label = label;
  }

  /** A human-readable name. */
  public String label() {
    return label;
  }
}
