package dev.circuits.ioi.claims;

/** How an experiment's numbers bear on a claim. */
public enum Verdict {
  /** The numbers agree with the claim. */
  SUPPORTED("supported"),
  /** Some parts hold and some do not. */
  PARTLY("partly supported"),
  /** The numbers contradict the claim. */
  REFUTED("refuted"),
  /** The experiment could not decide (e.g. no head passed the threshold the test needs). */
  INCONCLUSIVE("inconclusive");

  private final String label;

  Verdict(String label) {
    this.label = label;
  }

  /** The lower-case label used in reports ({@code "partly supported"}). */
  public String label() {
    return label;
  }
}
