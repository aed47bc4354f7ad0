package dev.circuits.ioi.planted;

import static dev.circuits.ioi.planted.Linear.helmert;
import static dev.circuits.ioi.planted.Linear.scale;
import static dev.circuits.ioi.planted.Linear.shiftBack;
import static dev.circuits.ioi.planted.Linear.transpose;
import static dev.circuits.ioi.planted.PlantedLayout.DUPLICATE;
import static dev.circuits.ioi.planted.PlantedLayout.DUP_NAME;
import static dev.circuits.ioi.planted.PlantedLayout.INHIBITED;
import static dev.circuits.ioi.planted.PlantedLayout.IS_NAME;
import static dev.circuits.ioi.planted.PlantedLayout.JUNK;
import static dev.circuits.ioi.planted.PlantedLayout.NAME_ID;
import static dev.circuits.ioi.planted.PlantedLayout.NOT_SINK;
import static dev.circuits.ioi.planted.PlantedLayout.POSITION;
import static dev.circuits.ioi.planted.PlantedLayout.PREV_NAME;
import static dev.circuits.ioi.planted.PlantedLayout.RAMP;
import static dev.circuits.ioi.planted.PlantedLayout.SINK;
import static dev.circuits.ioi.planted.PlantedLayout.WORD_ID;

import java.util.ArrayList;
import java.util.List;

/**
 * The planted heads: which head does what, with the attention-score and output terms of each
 * (explained in {@code PLANTED.md}). Scores are in logits; a gap of 10 puts e^-10 of the weight
 * on the loser.
 */
final class PlantedDesign {
  /** Duplicate-token head: score for an earlier occurrence of the same name. */
  static final double DUP_MATCH = 20;
  /** Duplicate-token head: score of the sink (wins when no earlier occurrence exists). */
  static final double DUP_SINK = 10;
  /** Duplicate-token head: penalty on the key at the query's own position (mod 16). */
  static final double DUP_SELF = 25;
  /** Previous-token heads: score for the key one position back (mod 16). */
  static final double PREV_SHIFT = 15;
  /** Recency bonus per unit of {@link PlantedLayout#RAMP} (breaks the mod-16 ties). */
  static final double RECENCY = 40;
  /** Induction head: score for a key whose previous token is the query's name. */
  static final double IND_MATCH = 20;
  /** Induction head: score of the sink. */
  static final double IND_SINK = 10;
  /** Gain with which the duplicate-token head copies the earlier name into DUP_NAME. */
  static final double DUP_NAME_GAIN_DUPLICATE = 0.6;
  /** The induction head's gain into DUP_NAME (with the above: 1; the smaller share). */
  static final double DUP_NAME_GAIN_INDUCTION = 0.4;
  /** S-inhibition head: score per unit of the duplicate signal (each of two writers adds 1). */
  static final double SINH_DUP = 8;
  /** S-inhibition head: score of the sink; between one and two writers' worth of signal. */
  static final double SINH_SINK = 8.5;
  /** Name movers: score of any name. */
  static final double NM_NAME = 12;
  /**
   * Name movers: penalty on a name equal to the inhibited name; small enough that a partly
   * inhibited S (DUP_NAME from one writer only) still draws some attention.
   */
  static final double NM_INHIBIT = 6;
  /** The S-attending decoy's bonus on a name equal to the inhibited name. */
  static final double S_ATTEND = 18;
  /** Name movers' output gains (the logit difference splits 60/40 between them). */
  static final double[] NM_GAIN = {0.6, 0.4};

  /** Decoys' output gain: large enough to be seen, small enough to leave norms alone. */
  static final double JUNK_GAIN = 0.5;

  private static final long JUNK_SEED = 0x5eed_0001L;
  private static final Residual RESIDUAL = PlantedLayout.RESIDUAL;
  private static final Linear LINEAR = new Linear(RESIDUAL.dModel());

  private PlantedDesign() {}

  /** All N_LAYER x N_HEAD heads, layer by layer. */
  static List<DesignedHead> heads() {
    double[][] nameBasis = helmert(NAME_ID.size());
    double[][] posBasis = helmert(POSITION.size());
    double[][] wordBasis = helmert(WORD_ID.size());
    double[][] readName = LINEAR.read(NAME_ID, nameBasis);
    double[][] readInhibited = LINEAR.read(INHIBITED, nameBasis);
    double[][] readPrevName = LINEAR.read(PREV_NAME, nameBasis);
    double[][] readPos = LINEAR.read(POSITION, posBasis);
    double[][] readPosBack = LINEAR.read(POSITION, shiftBack(posBasis));
    double[][] readWord = LINEAR.read(WORD_ID, wordBasis);
    double[][] copyBasis = transpose(nameBasis);
    JunkMaps junk = new JunkMaps(JUNK_SEED, JUNK, JUNK_GAIN, LINEAR);
    List<DesignedHead> out = new ArrayList<>();

    // Layer 0
    out.add(DesignedHead.of(0, 0, PlantedRole.DUPLICATE_TOKEN,
        "at a repeated name (S2) attends to its earlier occurrence (S1), not to itself; writes "
            + "DUPLICATE and copies the name into DUP_NAME with gain " + DUP_NAME_GAIN_DUPLICATE,
        new HeadWeights(RESIDUAL)
            .qk(DUP_MATCH, readName, readName)
            .qk(-DUP_SELF, readPos, readPos)
            .qkBias(DUP_SINK, LINEAR.unit(SINK))
            .ov(LINEAR.read(IS_NAME), LINEAR.write(DUPLICATE, 1))
            .ov(readName, LINEAR.write(DUP_NAME, scale(copyBasis, DUP_NAME_GAIN_DUPLICATE)))));
    out.add(DesignedHead.of(0, 1, PlantedRole.PREVIOUS_TOKEN,
        "attends to the previous token; copies its name identity into PREV_NAME",
        new HeadWeights(RESIDUAL)
            .qk(PREV_SHIFT, readPosBack, readPos)
            .qkBias(RECENCY, LINEAR.unit(RAMP))
            .ov(readName, LINEAR.write(PREV_NAME, copyBasis))));
    out.add(DesignedHead.of(0, 2, PlantedRole.DECOY,
        "sink: attends to position 0; writes its word identity into JUNK",
        new HeadWeights(RESIDUAL)
            .qkBias(DUP_SINK, LINEAR.unit(SINK))
            .ov(readWord, junk.from(wordBasis.length))));
    out.add(DesignedHead.of(0, 3, PlantedRole.DECOY,
        "current token: attends to itself; copies its word identity into JUNK",
        new HeadWeights(RESIDUAL)
            .qk(PREV_SHIFT, readPos, readPos)
            .qkBias(RECENCY, LINEAR.unit(RAMP))
            .ov(readWord, junk.from(wordBasis.length))));

    // Layer 1
    out.add(DesignedHead.of(1, 0, PlantedRole.INDUCTION,
        "at a repeated name (S2) attends to the token after its earlier occurrence (S1+1); "
            + "writes DUPLICATE and copies that token's PREV_NAME into DUP_NAME with gain "
            + DUP_NAME_GAIN_INDUCTION,
        new HeadWeights(RESIDUAL)
            .qk(IND_MATCH, readName, readPrevName)
            .qkBias(IND_SINK, LINEAR.unit(SINK))
            .ov(LINEAR.read(NOT_SINK), LINEAR.write(DUPLICATE, 1))
            .ov(readPrevName, LINEAR.write(DUP_NAME, scale(copyBasis, DUP_NAME_GAIN_INDUCTION)))));
    out.add(DesignedHead.of(1, 1, PlantedRole.DECOY,
        "name attender: attends to every name so far; copies their identities into JUNK",
        new HeadWeights(RESIDUAL)
            .qkBias(NM_NAME, LINEAR.unit(IS_NAME))
            .ov(readName, junk.from(nameBasis.length))));
    out.add(DesignedHead.of(1, 2, PlantedRole.DECOY,
        "uniform: attends to every token equally; averages word identities into JUNK",
        new HeadWeights(RESIDUAL)
            .ov(readWord, junk.from(wordBasis.length))));
    out.add(DesignedHead.of(1, 3, PlantedRole.DECOY,
        "previous token (decoy): attends to the previous token; copies its word identity into "
            + "JUNK",
        new HeadWeights(RESIDUAL)
            .qk(PREV_SHIFT, readPosBack, readPos)
            .qkBias(RECENCY, LINEAR.unit(RAMP))
            .ov(readWord, junk.from(wordBasis.length))));

    // Layer 2
    out.add(DesignedHead.of(2, 0, PlantedRole.S_INHIBITION,
        "after S2 (at END) attends to S2 via DUPLICATE; copies its DUP_NAME (S's identity) into "
            + "INHIBITED",
        sInhibitionAttention()
            .ov(LINEAR.read(DUP_NAME, nameBasis), LINEAR.write(INHIBITED, copyBasis))));
    out.add(DesignedHead.of(2, 1, PlantedRole.DECOY,
        "fake S-inhibition: attends to S2 like 2.0; copies S's identity into JUNK",
        sInhibitionAttention()
            .ov(readName, junk.from(nameBasis.length))));
    out.add(DesignedHead.of(2, 2, PlantedRole.DECOY,
        "recency: attends to the latest tokens; averages their word identities into JUNK",
        new HeadWeights(RESIDUAL)
            .qkBias(RECENCY / 2, LINEAR.unit(RAMP))
            .ov(readWord, junk.from(wordBasis.length))));
    out.add(DesignedHead.of(2, 3, PlantedRole.DECOY,
        "sink: attends to position 0; writes its word identity into JUNK",
        new HeadWeights(RESIDUAL)
            .qkBias(DUP_SINK, LINEAR.unit(SINK))
            .ov(readWord, junk.from(wordBasis.length))));

    // Layer 3
    for (int h = 0; h < NM_GAIN.length; h++) {
      out.add(DesignedHead.of(3, h, PlantedRole.NAME_MOVER,
          "at END attends to the names that are not INHIBITED (the IO); copies the name's "
              + "identity into NAME_ID (its unembedding direction) with gain " + NM_GAIN[h],
          nameMoverAttention(readInhibited, readName, -NM_INHIBIT, NM_NAME)
              .ov(readName, LINEAR.write(NAME_ID, scale(copyBasis, NM_GAIN[h])))));
    }
    out.add(DesignedHead.of(3, 2, PlantedRole.DECOY,
        "fake name mover: attends to the IO like 3.0; copies its identity into JUNK",
        nameMoverAttention(readInhibited, readName, -NM_INHIBIT, NM_NAME)
            .ov(readName, junk.from(nameBasis.length))));
    out.add(DesignedHead.of(3, 3, PlantedRole.DECOY,
        "S attender: at END attends to the INHIBITED name (S1, S2); copies it into JUNK",
        nameMoverAttention(readInhibited, readName, S_ATTEND, NM_NAME / 2)
            .ov(readName, junk.from(nameBasis.length))));
    return out;
  }

  private static HeadWeights sInhibitionAttention() {
    return new HeadWeights(RESIDUAL)
        .qkBias(SINH_DUP, LINEAR.unit(DUPLICATE))
        .qkBias(SINH_SINK, LINEAR.unit(SINK));
  }

  private static HeadWeights nameMoverAttention(double[][] readInhibited, double[][] readName,
      double inhibit, double name) {
    return new HeadWeights(RESIDUAL)
        .qk(inhibit, readInhibited, readName)
        .qkBias(name, LINEAR.unit(IS_NAME));
  }
}
