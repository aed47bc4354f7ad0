package dev.circuits.ioi.experiments;

import dev.circuits.gpt2.model.Head;
import dev.circuits.gpt2.model.Channel;
import dev.circuits.gpt2.sweep.ForwardRun;
import dev.circuits.gpt2.sweep.HeadRow;
import dev.circuits.ioi.IoiDataset;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Heads at END joined to the logits by their direct paths only (REMIX's receivers), with one
 * input channel patched: what the heads attend to and what the logit difference becomes when
 * only their own direct contributions change. The two patches the claims use: a channel taken
 * entirely from another dataset's run ({@code receivers -> a.k -> tokens}), or the direct paths
 * from some senders at END into the channel. Example:
 * {@code DirectReceivers.channelFrom(setup, nameMovers, Channel.K, flippedIo).meanLogitDiff()}.
 */
public final class DirectReceivers {
  private DirectReceivers() {}

  /** The patched logit difference [N] and each receiver's attention from END [N, END + 1]. */
  public record Result(INDArray logitDiff, List<INDArray> attention) {
    /** Mean over prompts of the logit difference. */
    public double meanLogitDiff() {
      return logitDiff.castTo(DataType.DOUBLE).meanNumber().doubleValue();
    }
  }

  /** Every input of the receivers' {@code channel} from {@code patch} (ALL: q, k and v). */
  public static Result channelFrom(IoiPatchSetup setup, List<Head> receivers, Channel channel,
      IoiDataset patch) {
    ForwardRun source = setup.patchRun(patch);
    return recompute(setup, receivers, (row, h) -> {
      if (channel == Channel.Q || channel == Channel.ALL) {
        row.queryFrom(source);
      }
      if (channel == Channel.K || channel == Channel.ALL) {
        row.keysFrom(source);
      }
      if (channel == Channel.V || channel == Channel.ALL) {
        row.valuesFrom(source);
      }
    });
  }

  /**
   * The direct paths from {@code senders} at END into the receivers' queries carry
   * {@code patch}'s sender outputs (a sender reaches a receiver only from an earlier layer).
   */
  public static Result sendersIntoQueries(IoiPatchSetup setup, List<Head> receivers,
      List<Head> senders, IoiDataset patch) {
    ForwardRun base = setup.baseRun();
    ForwardRun source = setup.patchRun(patch);
    int end = setup.position("END");
    return recompute(setup, receivers, (row, h) -> {
      INDArray resid = base.residAttnRow(h.layer(), end);
      for (Head s : senders) {
        if (s.layer() < h.layer()) {
          resid.addi(source.headOutput(s.layer(), s.head(), end))
              .subi(base.headOutput(s.layer(), s.head(), end));
        }
      }
      row.queryResidual(resid);
    });
  }

  private interface Patch {
    void apply(HeadRow row, Head receiver);
  }

  private static Result recompute(IoiPatchSetup setup, List<Head> receivers, Patch patch) {
    ForwardRun base = setup.baseRun();
    int end = setup.position("END");
    INDArray change = Nd4j.zeros(DataType.FLOAT, base.prompts(), base.model().config().nEmbd());
    List<INDArray> attention = new ArrayList<>();
    for (Head h : receivers) {
      HeadRow row = HeadRow.of(base, h.layer(), h.head(), end);
      patch.apply(row, h);
      HeadRow.Result r = row.compute();
      change.addi(r.output()).subi(base.headOutput(h.layer(), h.head(), end));
      attention.add(r.probs());
    }
    return new Result(base.logitDiffPlus(setup.labels(), end, change), attention);
  }
}
