package dev.circuits.ioi.planted;

import static dev.circuits.ioi.planted.Gpt2Maps.copy;
import static dev.circuits.ioi.planted.Gpt2Maps.identity;
import static dev.circuits.ioi.planted.Gpt2Maps.read;
import static dev.circuits.ioi.planted.Gpt2Maps.unit;
import static dev.circuits.ioi.planted.Gpt2Maps.write;
import static dev.circuits.ioi.planted.PlantedGpt2Layout.CUR_TOK;
import static dev.circuits.ioi.planted.PlantedGpt2Layout.DUP_IS_NAME;
import static dev.circuits.ioi.planted.PlantedGpt2Layout.DUP_ORDER;
import static dev.circuits.ioi.planted.PlantedGpt2Layout.DUP_TOK;
import static dev.circuits.ioi.planted.PlantedGpt2Layout.INHIBITED;
import static dev.circuits.ioi.planted.PlantedGpt2Layout.INHIBITED_ORDER;
import static dev.circuits.ioi.planted.PlantedGpt2Layout.IS_NAME;
import static dev.circuits.ioi.planted.PlantedGpt2Layout.MOVED;
import static dev.circuits.ioi.planted.PlantedGpt2Layout.ORDER;
import static dev.circuits.ioi.planted.PlantedGpt2Layout.SINK;
import static dev.circuits.ioi.planted.PlantedGpt2Layout.TOKEN_ID;

/**
 * {@link PlantedGpt2Small}'s heads at END (PLANTED-GPT2.md): the S-inhibition heads, which read
 * S2's marks, and the heads that move names to the logits: name movers, negative name movers and
 * backup name movers.
 */
final class Gpt2MovingHeads {
  /** S-inhibition heads: score per unit of DUP_IS_NAME (1 at S2 when all four writers agree). */
  static final double SIN_MARK = 16;
  /** S-inhibition heads: score of the sink. */
  static final double SIN_SINK = 8;
  /** Name movers: score of any name. */
  static final double NM_NAME = 12;
  /** Name movers: penalty per unit of INHIBITED . identity (the token signal). */
  static final double NM_TOKEN = 0.7;
  /** Name movers: penalty per unit of INHIBITED_ORDER x ORDER (the position signal). */
  static final double NM_POSITION = 0.7;
  /** Every mover: penalty on a repeated name (DUP_IS_NAME of the key: S2). */
  static final double NM_REPEATED = 8;
  /** Backup name movers: token-signal penalty (sharper than the name movers'). */
  static final double BACKUP_TOKEN = 2.5;
  /** Backup name movers: position-signal penalty. */
  static final double BACKUP_POSITION = 3;
  /** Backup name movers: penalty on a name when every visible name mover fully moved it. */
  static final double BACKUP_GATE = 10;
  /** Backup name movers: score of the sink, where they look while the name movers work. */
  static final double BACKUP_SINK = 9.8;

  private Gpt2MovingHeads() {}

  /** Attends from END to S2 (DUP_IS_NAME); copies DUP_TOK and DUP_ORDER there with {@code gain}. */
  static DesignedHead sInhibition(int layer, int head, double gain) {
    return DesignedHead.of(layer, head, PlantedRole.S_INHIBITION, "after S2 (at END) attends to "
        + "S2 by its DUP_IS_NAME mark; copies its DUP_TOK (S's identity: the token signal) into "
        + "INHIBITED and its DUP_ORDER (S1's ORDER: the position signal) into INHIBITED_ORDER, "
        + "gain " + gain,
        () -> sInhibitionAttention()
            .ov(identity(DUP_TOK), copy(INHIBITED, gain))
            .ov(read(DUP_ORDER), write(INHIBITED_ORDER, gain)));
  }

  /**
   * At END attends to the name the S-inhibition signal does not point at (the IO); copies its
   * identity into TOKEN_ID (the logits) with {@code gain} and into MOVED with {@code moved}.
   */
  static DesignedHead nameMover(int layer, int head, double gain, double moved) {
    return DesignedHead.of(layer, head, PlantedRole.NAME_MOVER, "at END attends to the name "
        + "that is neither INHIBITED nor in the INHIBITED_ORDER slot nor repeated (the IO); "
        + "copies its identity into TOKEN_ID (gain " + gain + ") and MOVED (gain " + moved + ")",
        () -> moverAttention()
            .ov(identity(CUR_TOK), Linear.sum(1, copy(TOKEN_ID, gain), 1, copy(MOVED, moved))));
  }

  /** Attends like a name mover; writes minus the attended identity into TOKEN_ID. */
  static DesignedHead negativeNameMover(int layer, int head, double gain) {
    return DesignedHead.of(layer, head, PlantedRole.NEGATIVE_NAME_MOVER, "attends like a name "
        + "mover (to the IO); writes minus its identity into TOKEN_ID (gain " + gain + ")",
        () -> moverAttention()
            .ov(identity(CUR_TOK), copy(TOKEN_ID, -gain)));
  }

  /**
   * Attends like a sharper name mover, minus a penalty on what the visible name movers moved
   * ({@code movedSeen}: the sum of their MOVED gains), so it looks at the sink while they work;
   * copies the attended identity into TOKEN_ID with {@code gain}.
   */
  static DesignedHead backupNameMover(int layer, int head, double gain, double movedSeen) {
    double[][] query = Linear.sum(1, identity(INHIBITED), BACKUP_GATE / BACKUP_TOKEN
        / movedSeen, identity(MOVED));
    return DesignedHead.of(layer, head, PlantedRole.BACKUP_NAME_MOVER, "at END attends to the "
        + "IO like a sharper name mover, minus what the name movers before it moved (MOVED), so "
        + "it attends the sink unless they are knocked out; copies the identity into TOKEN_ID "
        + "(gain " + gain + ")",
        () -> moverAttention(query, BACKUP_TOKEN, BACKUP_POSITION)
            .qkBias(BACKUP_SINK, unit(SINK))
            .ov(identity(CUR_TOK), copy(TOKEN_ID, gain)));
  }

  /** score = SIN_MARK DUP_IS_NAME_k + SIN_SINK SINK_k: S2 after S2, else the sink. */
  static HeadWeights sInhibitionAttention() {
    return Gpt2Maps.head()
        .qkBias(SIN_MARK, unit(DUP_IS_NAME))
        .qkBias(SIN_SINK, unit(SINK));
  }

  /** A name mover's attention ({@link #moverAttention(double[][], double, double)}). */
  static HeadWeights moverAttention() {
    return moverAttention(identity(INHIBITED), NM_TOKEN, NM_POSITION);
  }

  /**
   * score = NM_NAME IS_NAME_k - token (query . identity_k) - position INHIBITED_ORDER_q ORDER_k
   * - NM_REPEATED DUP_IS_NAME_k.
   */
  static HeadWeights moverAttention(double[][] query, double token, double position) {
    return Gpt2Maps.head()
        .qk(-token, query, identity(CUR_TOK))
        .qk(-position, read(INHIBITED_ORDER), read(ORDER))
        .qkBias(NM_NAME, unit(IS_NAME))
        .qkBias(-NM_REPEATED, unit(DUP_IS_NAME));
  }
}
