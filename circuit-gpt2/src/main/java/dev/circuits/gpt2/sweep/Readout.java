package dev.circuits.gpt2.sweep;

import dev.circuits.core.CircuitException;
import dev.circuits.gpt2.model.Gpt2Weights;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The logit difference of final residual rows: LN_f, then {@code W_U[io] - W_U[s]} per prompt. */
final class Readout {
  private Readout() {}

  /** {@code finalRows} [S, N, d], {@code labels} [N, 2] (io, s) token ids: [S, N]. */
  static INDArray logitDiff(RowModel m, INDArray finalRows, INDArray labels) {
    long variants = finalRows.size(0);
    long n = finalRows.size(1);
    int d = m.dModel();
    if (labels.rank() != 2 || labels.size(0) != n || labels.size(1) != 2) {
      throw new CircuitException("labels must be [N, 2] (io, s) for " + n + " prompts, got "
          + java.util.Arrays.toString(labels.shape()));
    }
    Gpt2Weights w = m.weights();
    INDArray x = RowOps.layerNorm(RowOps.dense(finalRows).reshape('c', variants * n, d),
        w.finalLnScale(), w.finalLnBias(), m.eps());
    long[][] ids = labels.castTo(DataType.LONG).toLongMatrix();
    int[] io = new int[(int) n];
    int[] s = new int[(int) n];
    long vocab = w.unembed().size(0);
    for (int i = 0; i < n; i++) {
      for (long id : ids[i]) {
        if (id < 0 || id >= vocab) {
          throw new CircuitException("label token id " + id + " of prompt " + i
              + " is outside the vocabulary of " + vocab + " tokens");
        }
      }
      io[i] = (int) ids[i][0];
      s[i] = (int) ids[i][1];
    }
    INDArray dirs = Nd4j.pullRows(w.unembed(), 1, io).sub(Nd4j.pullRows(w.unembed(), 1, s))
        .castTo(DataType.FLOAT);
    INDArray out = x.reshape('c', variants, n * d).muliRowVector(RowOps.flat(dirs))
        .reshape('c', variants, n, d).sum(2);
    RowOps.free(x, dirs);
    return out;
  }
}
