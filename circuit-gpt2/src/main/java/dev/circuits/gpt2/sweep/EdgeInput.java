package dev.circuits.gpt2.sweep;

import java.util.Locale;

/**
 * Where an edge enters its receiver: a head's query, key or value input, or the residual input
 * of an MLP or of the logits.
 */
public enum EdgeInput {
  /** The receiving head's query input. */
  Q,
  /** The receiving head's key input. */
  K,
  /** The receiving head's value input. */
  V,
  /** The whole residual input of an MLP or of the logits. */
  RESID;

  /** {@code q}, {@code k}, {@code v} or {@code resid}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The input named {@link #key()}. */
  public static EdgeInput parse(String key) {
    return valueOf(key.trim().toUpperCase(Locale.ROOT));
  }
}
