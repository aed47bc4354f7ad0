package dev.circuits.ioi.planted;

import static dev.circuits.ioi.planted.Gpt2Maps.identity;
import static dev.circuits.ioi.planted.Gpt2Maps.unit;
import static dev.circuits.ioi.planted.PlantedGpt2Layout.CUR_TOK;
import static dev.circuits.ioi.planted.PlantedGpt2Layout.IS_NAME;
import static dev.circuits.ioi.planted.PlantedGpt2Layout.RAMP;
import static dev.circuits.ioi.planted.PlantedGpt2Layout.SINK;
import static dev.circuits.ioi.planted.PlantedGpt2Layout.TOKEN_ID;

/**
 * {@link PlantedGpt2Small}'s decoys: heads with plausible attention (some IOI-like) whose outputs
 * go into JUNK through seeded random maps (one seed per head), which nothing reads.
 */
final class Gpt2Decoys {
  /** Decoys' output gain: small, as there are over a hundred of them. */
  static final double JUNK_GAIN = 0.1;
  private static final long JUNK_SEED = 0x5eed_0012L;

  /** Where a decoy attends. */
  enum Pattern {
    /** Position 0. */
    SINK("sink: attends to position 0"),
    /** Its own position. */
    SELF("current token: attends to itself"),
    /** The previous token, less sharply than the previous-token heads. */
    PREVIOUS("previous token (decoy): attends mostly to the previous token"),
    /** Every position equally. */
    UNIFORM("uniform: attends to every token equally"),
    /** Every name so far. */
    NAMES("name attender: attends to every name so far"),
    /** The latest tokens. */
    RECENT("recency: attends to the latest tokens"),
    /** S2, like an S-inhibition head. */
    REPEATED_NAME("fake S-inhibition: attends to S2 like the S-inhibition heads"),
    /** The IO, like a name mover. */
    IO("fake name mover: attends to the IO like the name movers");

    private final String description;

    Pattern(String description) {
      this.description = description;
    }
  }

  /** The patterns given in turn to decoys that have no particular one. */
  static final Pattern[] CYCLE = {Pattern.SINK, Pattern.SELF, Pattern.PREVIOUS, Pattern.UNIFORM,
      Pattern.NAMES, Pattern.RECENT};

  private final int layer;

  /** The decoys of {@code layer}. */
  Gpt2Decoys(int layer) {
    this.layer = layer;
  }

  /** A decoy at {@code layer.head} with {@code pattern}, reading the token identity into JUNK. */
  DesignedHead decoy(int head, Pattern pattern) {
    // Layer 0 runs before MLP 0 writes CUR_TOK: its decoys read the embedding's TOKEN_ID.
    Span reads = layer == 0 ? TOKEN_ID : CUR_TOK;
    // Each head draws its map from its own seed: the same whenever its weights are built.
    long seed = JUNK_SEED + 100L * layer + head;
    return DesignedHead.of(layer, head, PlantedRole.DECOY, pattern.description
        + "; writes the token identity into JUNK", () -> attention(pattern)
            .ov(identity(reads), Gpt2Maps.junk(seed, JUNK_GAIN).from(Gpt2Maps.IDENTITY_COORDS)));
  }

  private static HeadWeights attention(Pattern pattern) {
    return switch (pattern) {
      case SINK -> Gpt2Maps.head().qkBias(10, unit(SINK));
      case SELF -> Gpt2Maps.head().qk(20, Gpt2Maps.position(), Gpt2Maps.position())
          .qkBias(Gpt2MarkingHeads.RECENCY, unit(RAMP));
      case PREVIOUS -> Gpt2Maps.head().qk(5, Gpt2Maps.positionBack(), Gpt2Maps.position())
          .qkBias(Gpt2MarkingHeads.RECENCY, unit(RAMP));
      case UNIFORM -> Gpt2Maps.head();
      case NAMES -> Gpt2Maps.head().qkBias(Gpt2MovingHeads.NM_NAME, unit(IS_NAME));
      case RECENT -> Gpt2Maps.head().qkBias(Gpt2MarkingHeads.RECENCY / 2, unit(RAMP));
      case REPEATED_NAME -> Gpt2MovingHeads.sInhibitionAttention();
      case IO -> Gpt2MovingHeads.moverAttention();
    };
  }
}
