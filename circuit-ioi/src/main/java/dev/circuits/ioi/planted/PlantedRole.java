package dev.circuits.ioi.planted;

/** The part a head plays in the planted IOI circuit; {@link #key()} is its {@code config.json} key. */
public enum PlantedRole {
  /** At END, attends to the names that are not inhibited (the IO) and copies them to the logits. */
  NAME_MOVER("name_mover"),
  /** At END, attends like a name mover but writes against the name it attends to (the IO). */
  NEGATIVE_NAME_MOVER("negative_name_mover"),
  /**
   * At END, attends to the IO and copies it only when the name movers have not: their queries
   * read what the name movers moved and avoid it, so they take over when the name movers are
   * knocked out.
   */
  BACKUP_NAME_MOVER("backup_name_mover"),
  /** At END, attends to S2 via the duplicate signal and writes S's identity for the name movers. */
  S_INHIBITION("s_inhibition"),
  /** At S2, attends to S1 (the same token earlier) and writes the duplicate signal. */
  DUPLICATE_TOKEN("duplicate_token"),
  /** At S2, attends to S1+1 (the token after the earlier S) and writes the duplicate signal. */
  INDUCTION("induction"),
  /** Attends to the previous token and copies its name identity (the induction head's keys). */
  PREVIOUS_TOKEN("previous_token"),
  /**
   * At each name, attends to the earlier names (or the sink when there is none) and writes
   * whether the name is the first one: the position signal's source.
   */
  NAME_ORDER("name_order"),
  /** Attends somewhere plausible but writes only what nothing reads. */
  DECOY("decoy");

  private final String key;

  PlantedRole(String key) {
    this.key = key;
  }

  /** The key under {@code planted_circuit} in {@code config.json}. */
  public String key() {
    return key;
  }

  /** The role with this {@code config.json} key. */
  public static PlantedRole fromKey(String key) {
    for (PlantedRole r : values()) {
      if (r.key.equals(key)) {
        return r;
      }
    }
    throw new PlantedModelException("unknown planted role '" + key + "'; expected one of "
        + java.util.Arrays.stream(values()).map(PlantedRole::key).toList());
  }
}
