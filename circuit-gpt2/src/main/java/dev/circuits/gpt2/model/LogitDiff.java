package dev.circuits.gpt2.model;

import dev.circuits.core.Array;
import dev.circuits.core.Circuit;
import dev.circuits.core.CircuitException;
import dev.circuits.core.DiscreteVar;
import dev.circuits.core.Einsum;
import dev.circuits.core.GeneralFunction;
import dev.circuits.core.Index;
import dev.circuits.core.match.Matcher;
import dev.circuits.core.spec.TensorIndex;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * REMIX's logit-difference metric ({@code load_logit_diff_model}): at one position,
 * {@code logit[labels[0]] - logit[labels[1]]}, computed as
 * {@code final.norm[pos] . (W_U[labels[0]] - W_U[labels[1]])} so the unembedding runs on two rows
 * only. {@code labels} is an int64 placeholder of shape [2] that {@link #bindLabels} replaces.
 * Example: {@code LogitDiff.bindLabels(LogitDiff.build(model, 15), ioS, group)}.
 */
public final class LogitDiff {
  /** Name of the labels placeholder. */
  public static final String LABELS = "labels";

  private LogitDiff() {}

  /** The ld circuit (scalar per prompt) reading position {@code position} (negative: from end). */
  public static Circuit build(Gpt2Circuit model, long position) {
    long t = model.options().seqLen();
    long pos = position < 0 ? position + t : position;
    if (pos < 0 || pos >= t) {
      throw new CircuitException("logit-difference position " + position
          + " is outside the model's sequence length " + t);
    }
    Circuit row = Index.of(model.finalNorm(), TensorIndex.of(TensorIndex.at(pos)),
        "final.norm_at_" + pos);
    Circuit unembed = model.logits().child(1);
    Array labels = Array.wrap(Nd4j.zeros(DataType.LONG, 2), LABELS);
    Circuit directions = GeneralFunction.genIndex(unembed, labels, 0, "labels.unembed");
    Array sign = Array.wrap(Nd4j.createFromArray(1f, -1f), "ld.sign");
    return Einsum.fromString("d,kd,k->", List.of(row, directions, sign), "ld");
  }

  /**
   * {@code ld} with its labels placeholder replaced by {@code DiscreteVar(Array(ioS, "labels"),
   * group)} (auto-named {@code labels var}); {@code ioS} is [N, 2]: the IO and S token ids.
   */
  public static Circuit bindLabels(Circuit ld, INDArray ioS, Circuit group) {
    if (ioS.rank() != 2 || ioS.size(1) != 2) {
      throw new CircuitException("io/s labels must have shape [N, 2], got "
          + java.util.Arrays.toString(ioS.shape()));
    }
    DiscreteVar var = DiscreteVar.of(Array.wrap(ioS.castTo(DataType.LONG).dup('c'), LABELS),
        group, null);
    Circuit out = Matcher.named(LABELS).and(Matcher.ofKind(dev.circuits.core.Kind.ARRAY))
        .update(ld, x -> var);
    if (out.equals(ld)) {
      throw new CircuitException("no '" + LABELS + "' placeholder found in " + ld.describe());
    }
    return out;
  }
}
