package dev.circuits.ioi;

/** Name order of an IOI prompt: ABBA = IO first ("A and B ... B"), BABA = S first, MIXED = both. */
public enum PromptType {
  /** IO first: "Then, {IO} and {S1} ... {S2} ...". */
  ABBA("ABBA"),
  /** S first: "Then, {S1} and {IO} ... {S2} ...". */
  BABA("BABA"),
  /** Half BABA templates then half ABBA templates (REMIX's default). */
  MIXED("mixed");

  private final String remixName;

  PromptType(String remixName) {
    this.remixName = remixName;
  }

  /** The string REMIX uses for this type ("ABBA", "BABA", "mixed"). */
  public String remixName() {
    return remixName;
  }

  /** The type named {@code name} as REMIX spells it ("ABBA", "BABA", "mixed"), any case. */
  public static PromptType parse(String name) {
    for (PromptType t : values()) {
      if (t.remixName.equalsIgnoreCase(name)) {
        return t;
      }
    }
    throw new IoiException(IoiException.Kind.UNKNOWN_PROMPT_TYPE, "unknown prompt type '" + name
        + "'; expected one of BABA, ABBA, mixed");
  }

  /** The type with the first two names swapped; MIXED stays MIXED. */
  public PromptType flipped() {
    switch (this) {
      case ABBA:
        return BABA;
      case BABA:
        return ABBA;
      default:
        return MIXED;
    }
  }
}
