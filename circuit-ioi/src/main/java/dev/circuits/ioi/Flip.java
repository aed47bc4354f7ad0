package dev.circuits.ioi;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The flips of REMIX's {@code gen_flipped_prompts}, named as REMIX spells them. */
public enum Flip {
  /** IOI: redraw IO (distinct from S; may equal the old IO). */
  IO("IO"),
  /** IOI and ABC: redraw S (both S1 and S2 in IOI). */
  S("S"),
  /** IOI to ABC: the S1 slot gets a new name IO2; the old IO becomes IO1. */
  S1("S1"),
  /** IOI to ABC: the S2 slot gets a new name S; the old S (at S1) becomes IO2, the old IO IO1. */
  S2("S2"),
  /** ABC: redraw IO1. */
  IO1("IO1"),
  /** ABC: redraw IO2. */
  IO2("IO2"),
  /** IOI: mirror each template (ABBA to BABA and back); names unchanged, the order field left stale. */
  ORDER("order");

  private final String remixName;

  Flip(String remixName) {
    this.remixName = remixName;
  }

  /** The string REMIX passes to {@code gen_flipped_prompts}. */
  public String remixName() {
    return remixName;
  }

  /** Parses REMIX's spelling ("IO", "S1", "S2", "IO1", "IO2", "S", "order"). */
  public static Flip parse(String name) {
    for (Flip f : values()) {
      if (f.remixName.equals(name)) {
        return f;
      }
    }
    throw new IoiException(IoiException.Kind.UNKNOWN_FLIP, "unknown flip '" + name + "'; expected one of "
        + Arrays.stream(values()).map(Flip::remixName).collect(Collectors.joining(", ")));
  }
}
