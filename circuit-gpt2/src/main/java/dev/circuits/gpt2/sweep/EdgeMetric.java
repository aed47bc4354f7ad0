package dev.circuits.gpt2.sweep;

import dev.circuits.core.spec.SimpleFunction;
import dev.circuits.gpt2.model.Gpt2Weights;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What edge patching measures, from final residual rows at the read position: the mean logit
 * difference {@code logit(io) - logit(s)} over prompts, or the mean KL divergence of the patched
 * next-token distribution from the clean one.
 */
public sealed interface EdgeMetric {
  /** The metric of each variant of final rows {@code [S, N, d]}: [S]. */
  double[] values(RowModel m, INDArray finalRows);

  /** Mean logit(labels[i,0]) - logit(labels[i,1]); {@code labels} [N, 2] token ids. */
  record LogitDiff(INDArray labels) implements EdgeMetric {
    @Override
    public double[] values(RowModel m, INDArray finalRows) {
      INDArray ld = Readout.logitDiff(m, finalRows, labels);
      double[] out = ld.castTo(DataType.DOUBLE).mean(1).toDoubleVector();
      RowOps.free(ld);
      return out;
    }
  }

  /**
   * Mean over prompts of KL(clean || patched) of the next-token distributions; {@code cleanLogProbs}
   * [N, vocab] from {@link #cleanLogProbs}.
   */
  record Kl(INDArray cleanLogProbs) implements EdgeMetric {
    /** The log-probabilities of the final rows {@code [N, d]} (the clean run's). */
    public static INDArray cleanLogProbs(RowModel m, INDArray finalRows) {
      return logProbs(m, finalRows.reshape('c', 1, finalRows.size(0), finalRows.size(1)));
    }

    @Override
    public double[] values(RowModel m, INDArray finalRows) {
      long variants = finalRows.size(0);
      long n = finalRows.size(1);
      INDArray logp = logProbs(m, finalRows); // [S*N, vocab]
      INDArray clean = cleanLogProbs;
      INDArray p = clean.castTo(DataType.FLOAT);
      INDArray pExp = org.nd4j.linalg.ops.transforms.Transforms.exp(p, true);
      double[] out = new double[(int) variants];
      for (int s = 0; s < variants; s++) {
        INDArray rows = logp.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(s * n, (s + 1) * n),
            org.nd4j.linalg.indexing.NDArrayIndex.all());
        INDArray diff = p.sub(rows).muli(pExp);
        out[s] = diff.sumNumber().doubleValue() / n;
        RowOps.free(diff);
      }
      RowOps.free(logp, pExp);
      return out;
    }

    private static INDArray logProbs(RowModel m, INDArray finalRows) {
      long rows = finalRows.size(0) * finalRows.size(1);
      Gpt2Weights w = m.weights();
      INDArray x = RowOps.layerNorm(RowOps.dense(finalRows).reshape('c', rows, m.dModel()),
          w.finalLnScale(), w.finalLnBias(), m.eps());
      INDArray logits = RowOps.mm(x, w.unembed().castTo(DataType.FLOAT), true);
      RowOps.free(x);
      INDArray out = SimpleFunction.LOG_SOFTMAX.evaluate(List.of(logits));
      RowOps.free(logits);
      return out;
    }
  }
}
