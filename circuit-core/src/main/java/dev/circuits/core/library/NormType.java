package dev.circuits.core.library;

/** The norm a transformer block uses: layer norm ({@code "ln"}) or batch norm ({@code "bn"}). */
public enum NormType {
  LN("ln"),
  BN("bn");

  private final String text;

  NormType(String text) {
    this.text = text;
  }

  /** The name used in node names and in a model file's info ({@code ln} or {@code bn}). */
  public String text() {
    return text;
  }

  /** The norm type written {@code text}; throws for anything else. */
  public static NormType of(String text) {
    for (NormType t : values()) {
      if (t.text.equals(text)) {
        return t;
      }
    }
    throw new ModelFileException("unknown norm_type '" + text + "' (expected ln or bn)");
  }
}
