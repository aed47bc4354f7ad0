package dev.circuits.ioi.planted;

/**
 * {@link PlantedGpt2Small}'s shapes (GPT-2 small's) and which residual-stream dimensions carry
 * which feature. As in {@link PlantedLayout}, every write sums to zero ({@link #BALANCE}) and a
 * large constant ballast pair keeps every position's norm within a fraction of a percent of
 * nominal, so LayerNorm is a fixed scale. Dimensions from {@link #JUNK}'s end up are unused (0).
 * See {@code PLANTED-GPT2.md} beside this class.
 */
public final class PlantedGpt2Layout {
  /** Residual width (GPT-2 small). */
  public static final int D_MODEL = 768;
  /** Heads per layer. */
  public static final int N_HEAD = 12;
  /** Layers. */
  public static final int N_LAYER = 12;
  /** Width of one head. */
  public static final int D_HEAD = D_MODEL / N_HEAD;
  /** Context length. */
  public static final int N_POSITIONS = 1024;
  /** GPT-2's vocabulary size. */
  public static final int VOCAB_SIZE = 50257;
  /**
   * Period of the cyclic position code (heads exclude their own position with it): 17, so that
   * no repeat distance of the claims' distance study (2 to 48) aliases with "own position".
   */
  public static final int POS_PERIOD = 17;
  /** RAMP is position / this (the previous-token heads' recency bonus). */
  public static final int RAMP_SCALE = 128;

  /** +ballast at every position (wpe). */
  public static final int BALLAST_POS = 0;
  /** -ballast at every position (wpe). */
  public static final int BALLAST_NEG = 1;
  /** Minus the sum of all other dimensions of whatever was written. */
  public static final int BALANCE = 2;
  /** 1 on the 99 IOI name tokens (wte). */
  public static final int IS_NAME = 3;
  /** 1 at position 0, the attention sink (wpe). */
  public static final int SINK = 4;
  /** 1 at every position but 0 (wpe). */
  public static final int NOT_SINK = 5;
  /** position / {@link #RAMP_SCALE} (wpe): a recency ramp. */
  public static final int RAMP = 6;
  /**
   * +1 at the first name of the prompt (and the tokens before it), -1 at every later name and
   * token (the name-order head); 0 at the sink (wpe puts -1 there, the head adds +1).
   */
  public static final int ORDER = 7;
  /** ORDER of the previous token (previous-token heads). */
  public static final int PREV_ORDER = 8;
  /** IS_NAME of the previous token (previous-token heads). */
  public static final int PREV_IS_NAME = 9;
  /** "This token occurred before": duplicate-token and induction heads, for any token. */
  public static final int DUPLICATE = 10;
  /** "The token that occurred before is a name": the S-inhibition heads' keys find S2 by it. */
  public static final int DUP_IS_NAME = 11;
  /** ORDER of the earlier occurrence (S1): the position signal's source at S2. */
  public static final int DUP_ORDER = 12;
  /** The S-inhibition heads' position signal at END: ORDER of S1 (+1: S1 is the first name). */
  public static final int INHIBITED_ORDER = 13;
  /** One-hot of (position mod 17) minus 1/17 (wpe); zero at position 0 (the sink). */
  public static final Span POSITION = new Span(16, POS_PERIOD);
  /**
   * Token identity e_t (unit, zero-sum; wte), cleared by MLP 0; the only logit-read subspace, so
   * afterwards it holds what the name movers write.
   */
  public static final Span TOKEN_ID = new Span(48, 48);
  /** Token identity as MLP 0 writes it (the "extended embedding" the later heads read). */
  public static final Span CUR_TOK = new Span(96, 48);
  /** Identity of the previous token (previous-token heads). */
  public static final Span PREV_TOK = new Span(144, 48);
  /** Identity of the earlier occurrence: the token signal's source at S2. */
  public static final Span DUP_TOK = new Span(192, 48);
  /** The S-inhibition heads' token signal at END: S's identity. */
  public static final Span INHIBITED = new Span(240, 48);
  /** What the name movers copied (their identity write, again); backup heads' queries read it. */
  public static final Span MOVED = new Span(288, 48);
  /** Where decoy heads write; nothing reads it. */
  public static final Span JUNK = new Span(336, 64);

  /** The residual geometry the head helpers work in. */
  static final Residual RESIDUAL = new Residual(D_MODEL, D_HEAD, BALANCE);

  private PlantedGpt2Layout() {}
}
