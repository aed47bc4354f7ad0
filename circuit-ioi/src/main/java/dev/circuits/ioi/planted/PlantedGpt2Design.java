package dev.circuits.ioi.planted;

import static dev.circuits.ioi.planted.PlantedGpt2Layout.CUR_TOK;
import static dev.circuits.ioi.planted.PlantedGpt2Layout.N_HEAD;
import static dev.circuits.ioi.planted.PlantedGpt2Layout.N_LAYER;
import static dev.circuits.ioi.planted.PlantedGpt2Layout.TOKEN_ID;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where {@link PlantedGpt2Small}'s heads sit: the IOI paper's classes at the paper's places
 * (Wang et al. 2022, Fig. 2), the name-order head, and decoys everywhere else. Built layer by
 * layer, so that the whole model's head weights never sit in memory at once.
 */
final class PlantedGpt2Design {
  /** Name movers' gains into TOKEN_ID (the logits), 9.6, 9.9, 10.0. */
  static final double[] NM_GAIN = {1.0, 0.8, 1.2};
  /** Name movers' gain into MOVED (what the backup name movers read). */
  static final double NM_MOVED = 1;
  /** Negative name movers' gains, 10.7 and 11.10. */
  static final double[] NEGATIVE_GAIN = {0.35, 0.25};
  /** Each backup name mover's gain. */
  static final double BACKUP_GAIN = 0.36;
  /** S-inhibition heads' gains, 7.3, 7.9, 8.6, 8.10 (sum 1). */
  static final double[] SIN_GAIN = {0.3, 0.25, 0.25, 0.2};
  /** Each previous-token head's gain (two of them: 1 together). */
  static final double PREV_GAIN = 0.5;
  /** Token-signal gains into DUP_TOK: 0.1, and each induction head (sum 1). */
  static final double TOKEN_FROM_DUPLICATE = 0.5;
  static final double TOKEN_FROM_INDUCTION = 0.25;
  /** Position-signal gains into DUP_ORDER: 3.0, and each induction head (sum 1). */
  static final double ORDER_FROM_DUPLICATE = 0.5;
  static final double ORDER_FROM_INDUCTION = 0.25;

  private static final int[][] NAME_MOVERS = {{9, 6}, {9, 9}, {10, 0}};
  private static final int[][] BACKUPS = {{10, 1}, {10, 2}, {10, 6}, {10, 10}, {11, 2}, {11, 9}};

  private PlantedGpt2Design() {}

  /** The heads of layer {@code l}, in head order. */
  static List<DesignedHead> layer(int l) {
    Map<Integer, Supplier<DesignedHead>> planted = planted(l);
    Gpt2Decoys decoys = new Gpt2Decoys(l);
    List<DesignedHead> out = new ArrayList<>();
    int cycle = 0;
    for (int h = 0; h < N_HEAD; h++) {
      Supplier<DesignedHead> s = planted.get(h);
      out.add(s != null ? s.get() : decoys.decoy(h, special(l, h)
          .orElse(Gpt2Decoys.CYCLE[(l + cycle++) % Gpt2Decoys.CYCLE.length])));
    }
    return out;
  }

  /** Every head's role and description, layer by layer. */
  static List<PlantedHead> heads() {
    List<PlantedHead> out = new ArrayList<>();
    for (int l = 0; l < N_LAYER; l++) {
      layer(l).forEach(d -> out.add(d.info()));
    }
    return out;
  }

  /** IOI-like decoys: the paper's layer-9 backups (see PLANTED-GPT2.md) and fake S-inhibition. */
  private static Optional<Gpt2Decoys.Pattern> special(int l, int h) {
    if (l == 9 && (h == 0 || h == 7)) {
      return Optional.of(Gpt2Decoys.Pattern.IO);
    }
    if ((l == 7 || l == 8) && h == 1) {
      return Optional.of(Gpt2Decoys.Pattern.REPEATED_NAME);
    }
    return Optional.empty();
  }

  private static Map<Integer, Supplier<DesignedHead>> planted(int l) {
    Map<Integer, Supplier<DesignedHead>> m = new HashMap<>();
    switch (l) {
      case 0 -> {
        m.put(1, () -> Gpt2MarkingHeads.duplicateToken(0, 1, TOKEN_ID, TOKEN_FROM_DUPLICATE, 0));
        m.put(6, () -> Gpt2MarkingHeads.nameOrder(0, 6));
      }
      case 2 -> m.put(2, () -> Gpt2MarkingHeads.previousToken(2, 2, PREV_GAIN));
      case 3 -> m.put(0, () -> Gpt2MarkingHeads.duplicateToken(3, 0, CUR_TOK, 0,
          ORDER_FROM_DUPLICATE));
      case 4 -> m.put(11, () -> Gpt2MarkingHeads.previousToken(4, 11, PREV_GAIN));
      case 5 -> m.put(5, () -> Gpt2MarkingHeads.induction(5, 5, TOKEN_FROM_INDUCTION,
          ORDER_FROM_INDUCTION));
      case 6 -> m.put(9, () -> Gpt2MarkingHeads.induction(6, 9, TOKEN_FROM_INDUCTION,
          ORDER_FROM_INDUCTION));
      case 7 -> {
        m.put(3, () -> Gpt2MovingHeads.sInhibition(7, 3, SIN_GAIN[0]));
        m.put(9, () -> Gpt2MovingHeads.sInhibition(7, 9, SIN_GAIN[1]));
      }
      case 8 -> {
        m.put(6, () -> Gpt2MovingHeads.sInhibition(8, 6, SIN_GAIN[2]));
        m.put(10, () -> Gpt2MovingHeads.sInhibition(8, 10, SIN_GAIN[3]));
      }
      case 10 -> m.put(7, () -> Gpt2MovingHeads.negativeNameMover(10, 7, NEGATIVE_GAIN[0]));
      case 11 -> m.put(10, () -> Gpt2MovingHeads.negativeNameMover(11, 10, NEGATIVE_GAIN[1]));
      default -> { }
    }
    for (int i = 0; i < NAME_MOVERS.length; i++) {
      int[] nm = NAME_MOVERS[i];
      double gain = NM_GAIN[i];
      if (nm[0] == l) {
        m.put(nm[1], () -> Gpt2MovingHeads.nameMover(l, nm[1], gain, NM_MOVED));
      }
    }
    for (int[] b : BACKUPS) {
      if (b[0] == l) {
        m.put(b[1], () -> Gpt2MovingHeads.backupNameMover(l, b[1], BACKUP_GAIN, movedSeenBy(l)));
      }
    }
    return m;
  }

  /** The sum of the MOVED gains of the name movers in layers before {@code l}. */
  static double movedSeenBy(int l) {
    double sum = 0;
    for (int[] nm : NAME_MOVERS) {
      sum += nm[0] < l ? NM_MOVED : 0;
    }
    return sum;
  }
}
