package dev.circuits.ioi.planted;

/**
 * The planted IOI model's shapes and which residual-stream dimensions carry which feature. Every
 * embedding row and every head output sums to zero over the residual (the {@link #BALANCE} dimension
 * absorbs the rest), so LayerNorm's mean subtraction is a no-op; the large constant {@link
 * #BALLAST_POS}/{@link #BALLAST_NEG} pair keeps every position's norm within about 1% of nominal, so
 * LayerNorm acts as a fixed scale. See {@code PLANTED.md} beside this class.
 */
public final class PlantedLayout {
  /** Residual width. */
  public static final int D_MODEL = 256;
  /** Heads per layer. */
  public static final int N_HEAD = 4;
  /** Layers. */
  public static final int N_LAYER = 4;
  /** Width of one head. */
  public static final int D_HEAD = D_MODEL / N_HEAD;
  /** Context length. */
  public static final int N_POSITIONS = 128;
  /** GPT-2's vocabulary size. */
  public static final int VOCAB_SIZE = 50257;
  /** Period of the cyclic position code: a duplicate must lie 1..15 tokens back. */
  public static final int POS_PERIOD = 16;

  /** +ballast at every position (wpe). */
  public static final int BALLAST_POS = 0;
  /** -ballast at every position (wpe). */
  public static final int BALLAST_NEG = 1;
  /** Minus the sum of all other dimensions of whatever was written: keeps the residual zero-mean. */
  public static final int BALANCE = 2;
  /** 1 on the 99 IOI name tokens (wte). */
  public static final int IS_NAME = 3;
  /** 1 at position 0, the attention sink (wpe). */
  public static final int SINK = 4;
  /** 1 at every position but 0 (wpe). */
  public static final int NOT_SINK = 5;
  /** position / {@link #N_POSITIONS} (wpe): a recency ramp. */
  public static final int RAMP = 6;
  /** "This name occurred before": the mark the S-inhibition head's keys find S2 by. */
  public static final int DUPLICATE = 7;
  /** One-hot of (position mod 16) minus 1/16 (wpe); zero at position 0, the sink. */
  public static final Span POSITION = new Span(8, POS_PERIOD);
  /** Name identity: a unit, zero-sum vector per name (wte); also the logit-read subspace. */
  public static final Span NAME_ID = new Span(24, 48);
  /** Inhibited name: the S-inhibition head writes the S identity here (a copy of NAME_ID's basis). */
  public static final Span INHIBITED = new Span(72, 48);
  /** Previous token's name identity, written by the previous-token head (for induction). */
  public static final Span PREV_NAME = new Span(120, 48);
  /**
   * Identity of the name that occurred before (NAME_ID's basis), written at S2 by the
   * duplicate-token and induction heads; the S-inhibition head's values read it.
   */
  public static final Span DUP_NAME = new Span(168, 48);
  /** Word identity of non-name tokens: a random unit, zero-sum vector per token (wte). */
  public static final Span WORD_ID = new Span(216, 16);
  /** Where decoy heads write; nothing reads it. */
  public static final Span JUNK = new Span(232, 24);

  /** The residual geometry the head helpers work in. */
  static final Residual RESIDUAL = new Residual(D_MODEL, D_HEAD, BALANCE);

  private PlantedLayout() {}
}
