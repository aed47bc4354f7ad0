package dev.circuits.ioi.claims;

import dev.circuits.core.Circuit;
import dev.circuits.core.CircuitException;
import dev.circuits.core.eval.Evaluator;
import dev.circuits.core.match.Matcher;
import dev.circuits.gpt2.model.AttentionPatterns.Head;
import dev.circuits.gpt2.model.Gpt2Circuit;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** What heads write to the residual stream (their output rows, without the layer's bias). */
public final class HeadOutputs {
  private HeadOutputs() {}

  /**
   * The output of each of {@code heads} on {@code tokens} [batch, T] of a head-split
   * {@code model} with sequence length T: one [batch, T, d_model] array per head.
   */
  public static List<INDArray> each(Gpt2Circuit model, List<Head> heads, INDArray tokens,
      Evaluator evaluator) {
    if (heads.isEmpty()) {
      throw new IllegalArgumentException("need at least one head to read outputs from");
    }
    List<Circuit> roots = new ArrayList<>();
    for (Head h : heads) {
      Circuit node = Matcher.named(h.nodeName()).getUniqueOp(model.logits()).orElseThrow(
          () -> new CircuitException("no head " + h.nodeName() + " in the model (a head-split "
              + "model with " + model.config().nLayer() + " layers is needed)"));
      roots.add(model.withTokens(node, tokens));
    }
    return evaluator.evaluateMany(roots).stream().map(v -> v.castTo(DataType.DOUBLE)).toList();
  }

  /** The rows {@code [b, position]} of {@code outputs} [batch, T, d] for every b in {@code batches}. */
  public static double[][] rows(INDArray outputs, int[] batches, int[] positions) {
    double[][] out = new double[batches.length * positions.length][];
    int i = 0;
    for (int b : batches) {
      for (int p : positions) {
        out[i++] = outputs.get(org.nd4j.linalg.indexing.NDArrayIndex.point(b),
            org.nd4j.linalg.indexing.NDArrayIndex.point(p),
            org.nd4j.linalg.indexing.NDArrayIndex.all()).toDoubleVector();
      }
    }
    return out;
  }
}
