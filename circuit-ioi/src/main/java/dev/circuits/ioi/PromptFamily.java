package dev.circuits.ioi;

/** IOI prompts name two people (IO, S twice); ABC prompts name three distinct people (IO1, IO2, S). */
public enum PromptFamily {
  /** Indirect object identification: the subject S is repeated, IO is the answer. */
  IOI,
  /** Three distinct names: IO1 at the IO slot, IO2 at the S1 slot, S at the S2 slot. */
  ABC
}
