package dev.circuits.ioi.claims;

/** The head classes of the IOI circuit (Wang et al. 2022) that the claims talk about. */
public enum IoiRole {
  /** Copy the IO name to the logits at END. */
  NAME_MOVER("name movers"),
  /** Write against the names they attend to. */
  NEGATIVE_NAME_MOVER("negative name movers"),
  /** Take over when the name movers are knocked out. */
  BACKUP_NAME_MOVER("backup name movers"),
  /** Tell the name movers which name not to copy. */
  S_INHIBITION("S-inhibition heads"),
  /** At S2, attend to the token after S1. */
  INDUCTION("induction heads"),
  /** At S2, attend to S1. */
  DUPLICATE_TOKEN("duplicate-token heads"),
  /** Attend to the previous token. */
  PREVIOUS_TOKEN("previous-token heads");

  private final String plural;

  IoiRole(String plural) {
    this.plural = plural;
  }

  /** The role's plural name for reports. */
  public String plural() {
    return plural;
  }
}
