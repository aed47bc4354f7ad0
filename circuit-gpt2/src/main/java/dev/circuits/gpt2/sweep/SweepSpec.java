package dev.circuits.gpt2.sweep;

import dev.circuits.gpt2.model.Head;
import dev.circuits.gpt2.model.Channel;
import java.util.List;

/**
 * A path-patching sweep over every head and MLP at {@code senderRow}: the paths from each sender
 * into {@code receivers} at {@code receiverRow} through {@code channel} (receivers empty: straight
 * into the logits), read as the logit difference at {@code readRow}. Direct paths only (no head or
 * MLP in between); everything downstream of the receivers is recomputed.
 */
public record SweepSpec(List<Head> receivers, Channel channel, int receiverRow, int senderRow,
    int readRow) {
  /** Copies the receivers and checks the rows. */
  public SweepSpec {
    receivers = List.copyOf(receivers);
    if (receiverRow < 0 || senderRow < 0 || readRow < 0) {
      throw new IllegalArgumentException("sweep rows must be >= 0, got receiver " + receiverRow
          + ", sender " + senderRow + ", read " + readRow);
    }
    if (receivers.isEmpty() && channel != Channel.ALL) {
      throw new IllegalArgumentException("the logits have no " + channel + " channel; use ALL");
    }
  }

  /** Direct effects on the logits of every component at {@code senderRow}, read at {@code readRow}. */
  public static SweepSpec logits(int senderRow, int readRow) {
    return new SweepSpec(List.of(), Channel.ALL, readRow, senderRow, readRow);
  }

  /**
   * How many layers of the patch run a sweep reads: senders reach receivers only from earlier
   * layers, so a patch run cut after the deepest receiver's layer will do ({@code nLayers} for the
   * logits).
   */
  public int patchLayers(int nLayers) {
    return intoLogits() ? nLayers : Math.max(1, receivers.stream().mapToInt(Head::layer).max()
        .orElse(nLayers));
  }

  /** Whether the receivers are the logits. */
  public boolean intoLogits() {
    return receivers.isEmpty();
  }
}
