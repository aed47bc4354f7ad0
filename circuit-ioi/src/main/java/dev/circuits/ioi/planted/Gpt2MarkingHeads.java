package dev.circuits.ioi.planted;

import static dev.circuits.ioi.planted.Gpt2Maps.copy;
import static dev.circuits.ioi.planted.Gpt2Maps.identity;
import static dev.circuits.ioi.planted.Gpt2Maps.read;
import static dev.circuits.ioi.planted.Gpt2Maps.unit;
import static dev.circuits.ioi.planted.Gpt2Maps.write;
import static dev.circuits.ioi.planted.PlantedGpt2Layout.CUR_TOK;
import static dev.circuits.ioi.planted.PlantedGpt2Layout.DUPLICATE;
import static dev.circuits.ioi.planted.PlantedGpt2Layout.DUP_IS_NAME;
import static dev.circuits.ioi.planted.PlantedGpt2Layout.DUP_ORDER;
import static dev.circuits.ioi.planted.PlantedGpt2Layout.DUP_TOK;
import static dev.circuits.ioi.planted.PlantedGpt2Layout.IS_NAME;
import static dev.circuits.ioi.planted.PlantedGpt2Layout.NOT_SINK;
import static dev.circuits.ioi.planted.PlantedGpt2Layout.ORDER;
import static dev.circuits.ioi.planted.PlantedGpt2Layout.PREV_IS_NAME;
import static dev.circuits.ioi.planted.PlantedGpt2Layout.PREV_ORDER;
import static dev.circuits.ioi.planted.PlantedGpt2Layout.PREV_TOK;
import static dev.circuits.ioi.planted.PlantedGpt2Layout.RAMP;
import static dev.circuits.ioi.planted.PlantedGpt2Layout.SINK;

/**
 * {@link PlantedGpt2Small}'s heads that mark S2 (PLANTED-GPT2.md): the name-order head, the
 * duplicate-token, previous-token and induction heads. They work on every token, not only names;
 * what they write about names is what the S-inhibition heads read.
 */
final class Gpt2MarkingHeads {
  /** Duplicate-token heads: score for an earlier occurrence of the same token. */
  static final double DUP_MATCH = 48;
  /** Duplicate-token heads: penalty on the key at the query's own position (mod 17). */
  static final double DUP_SELF = 50;
  /** Duplicate-token and induction heads: score of the sink (wins when nothing matches). */
  static final double MATCH_SINK = 37;
  /** Induction heads: score for a key whose previous token is the query's token. */
  static final double IND_MATCH = 48;
  /** Name-order head: score of an earlier name. */
  static final double ORDER_NAME = 20;
  /** Name-order head: score of the sink (wins at the first name). */
  static final double ORDER_SINK = 10;
  /** Name-order head: penalty on the query's own position (a name must not find itself). */
  static final double ORDER_SELF = 30;
  /** Previous-token heads: score for the key one position back (mod 17). */
  static final double PREV_SHIFT = 20;
  /** Recency bonus per unit of RAMP (breaks the mod-17 ties of the previous-token heads). */
  static final double RECENCY = 40;
  /** Each writer's share of DUPLICATE. */
  static final double DUPLICATE_GAIN = 0.5;
  /** Each of the four writers' share of DUP_IS_NAME (together 1 at S2). */
  static final double NAME_MARK_GAIN = 0.25;

  private Gpt2MarkingHeads() {}

  /** Writes ORDER = +1 at the first name, -1 at later names. */
  static DesignedHead nameOrder(int layer, int head) {
    return DesignedHead.of(layer, head, PlantedRole.NAME_ORDER,
        "at each name attends to the earlier names, or to the sink when there is none; writes "
            + "ORDER = +1 at the first name of the prompt and -1 at every later one",
        () -> Gpt2Maps.head()
            .qkBias(ORDER_NAME, unit(IS_NAME))
            .qkBias(ORDER_SINK, unit(SINK))
            .qk(-ORDER_SELF, Gpt2Maps.position(), Gpt2Maps.position())
            .ov(Gpt2Maps.difference(SINK, IS_NAME), write(ORDER, 1)));
  }

  /**
   * At a repeated token (S2) attends to its earlier occurrence (S1), reading identities from
   * {@code reads}; copies that identity into DUP_TOK with {@code tokenGain} and S1's ORDER into
   * DUP_ORDER with {@code orderGain} (a zero gain leaves the term out).
   */
  static DesignedHead duplicateToken(int layer, int head, Span reads, double tokenGain,
      double orderGain) {
    return DesignedHead.of(layer, head, PlantedRole.DUPLICATE_TOKEN, "at a repeated token (S2) "
        + "attends to its earlier occurrence (S1), not to itself; writes DUPLICATE, DUP_IS_NAME"
        + (tokenGain != 0 ? ", the earlier token's identity into DUP_TOK (gain " + tokenGain + ")"
            : "")
        + (orderGain != 0 ? ", its ORDER into DUP_ORDER (gain " + orderGain + ")" : ""), () -> {
          HeadWeights w = Gpt2Maps.head()
              .qk(DUP_MATCH, identity(reads), identity(reads))
              .qk(-DUP_SELF, Gpt2Maps.position(), Gpt2Maps.position())
              .qkBias(MATCH_SINK, unit(SINK))
              .ov(read(NOT_SINK), write(DUPLICATE, DUPLICATE_GAIN))
              .ov(read(IS_NAME), write(DUP_IS_NAME, NAME_MARK_GAIN));
          if (tokenGain != 0) {
            w.ov(identity(reads), copy(DUP_TOK, tokenGain));
          }
          if (orderGain != 0) {
            w.ov(read(ORDER), write(DUP_ORDER, orderGain));
          }
          return w;
        });
  }

  /** Attends to the previous token; copies its identity, ORDER and IS_NAME with {@code gain}. */
  static DesignedHead previousToken(int layer, int head, double gain) {
    return DesignedHead.of(layer, head, PlantedRole.PREVIOUS_TOKEN, "attends to the previous "
        + "token; copies its identity, ORDER and IS_NAME into PREV_TOK, PREV_ORDER, PREV_IS_NAME "
        + "(gain " + gain + ")",
        () -> Gpt2Maps.head()
            .qk(PREV_SHIFT, Gpt2Maps.positionBack(), Gpt2Maps.position())
            .qkBias(RECENCY, unit(RAMP))
            .ov(identity(CUR_TOK), copy(PREV_TOK, gain))
            .ov(read(ORDER), write(PREV_ORDER, gain))
            .ov(read(IS_NAME), write(PREV_IS_NAME, gain)));
  }

  /**
   * At a repeated token (S2) attends to the token after its earlier occurrence (S1+1, whose
   * PREV_TOK matches); copies S1's identity and ORDER from there into DUP_TOK and DUP_ORDER.
   */
  static DesignedHead induction(int layer, int head, double tokenGain, double orderGain) {
    return DesignedHead.of(layer, head, PlantedRole.INDUCTION, "at a repeated token (S2) attends "
        + "to the token after its earlier occurrence (S1+1); writes DUPLICATE, DUP_IS_NAME, and "
        + "copies that token's PREV_TOK / PREV_ORDER into DUP_TOK (gain " + tokenGain
        + ") and DUP_ORDER (gain " + orderGain + ")",
        () -> Gpt2Maps.head()
            .qk(IND_MATCH, identity(CUR_TOK), identity(PREV_TOK))
            .qkBias(MATCH_SINK, unit(SINK))
            .ov(read(NOT_SINK), write(DUPLICATE, DUPLICATE_GAIN))
            .ov(read(PREV_IS_NAME), write(DUP_IS_NAME, NAME_MARK_GAIN))
            .ov(identity(PREV_TOK), copy(DUP_TOK, tokenGain))
            .ov(read(PREV_ORDER), write(DUP_ORDER, orderGain)));
  }
}
