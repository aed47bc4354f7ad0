package dev.circuits.gpt2.model;

/**
 * How to build GPT-2 as a circuit: sequence length, GELU flavour, whether heads are separate
 * nodes (REMIX's split model) and whether head/MLP outputs are further split by position.
 */
public record Gpt2BuildOptions(int seqLen, Activation activation, boolean splitHeads,
    boolean splitPositions) {

  /** The MLP nonlinearity: GPT-2's tanh approximation or REMIX's exact erf GELU. */
  public enum Activation {
    /** {@code 0.5 x (1 + tanh(sqrt(2/pi)(x + 0.044715 x^3)))}: GPT2LMHeadModel. */
    GELU_NEW,
    /** {@code 0.5 x (1 + erf(x / sqrt 2))}: what REMIX's circuits compute. */
    GELU_ERF
  }

  /** Validates the options. */
  public Gpt2BuildOptions {
    if (seqLen <= 0) {
      throw new IllegalArgumentException("seqLen must be positive, got " + seqLen);
    }
    if (splitPositions && !splitHeads) {
      throw new IllegalArgumentException("splitPositions requires splitHeads");
    }
  }

  /** REMIX's split model (heads split, GELU as in the config) of length {@code seqLen}. */
  public static Gpt2BuildOptions split(int seqLen) {
    return new Gpt2BuildOptions(seqLen, Activation.GELU_NEW, true, false);
  }

  /** All heads of a layer in one einsum: the fast form for plain forward passes. */
  public static Gpt2BuildOptions fused(int seqLen) {
    return new Gpt2BuildOptions(seqLen, Activation.GELU_NEW, false, false);
  }

  /** The same options with another activation. */
  public Gpt2BuildOptions withActivation(Activation a) {
    return new Gpt2BuildOptions(seqLen, a, splitHeads, splitPositions);
  }

  /** The same options with head outputs and MLP outputs split by position. */
  public Gpt2BuildOptions withPositionSplit() {
    return new Gpt2BuildOptions(seqLen, activation, true, true);
  }
}
