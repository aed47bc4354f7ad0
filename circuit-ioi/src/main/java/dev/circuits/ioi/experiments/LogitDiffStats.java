package dev.circuits.ioi.experiments;

import dev.circuits.core.eval.Evaluator;
import dev.circuits.gpt2.model.Gpt2BuildOptions;
import dev.circuits.gpt2.model.Gpt2Circuit;
import dev.circuits.gpt2.model.Gpt2Weights;
import dev.circuits.ioi.IoiDataset;
import dev.circuits.ioi.PromptFamily;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Per-prompt logit(IO) - logit(S) (ABC: logit(IO1) - logit(IO2)) at each prompt's own END
 * position (prompts may be right-padded), with its mean, standard deviation and accuracy.
 * Example: {@code LogitDiffStats.of(PlantedIoiModel.load(), ds, Evaluator.create()).mean()}.
 */
public record LogitDiffStats(double[] perPrompt) {
  /** Copies the values. */
  public LogitDiffStats {
    perPrompt = perPrompt.clone();
  }

  /** Runs {@code weights} on {@code ds} and reads the logit difference at each END. */
  public static LogitDiffStats of(Gpt2Weights weights, IoiDataset ds, Evaluator evaluator) {
    Gpt2Circuit model = Gpt2Circuit.build(weights, Gpt2BuildOptions.split(ds.maxLength()));
    INDArray finalNorm = evaluator.evaluate(model.withTokens(model.finalNorm(),
        ds.modelTokens())).castTo(DataType.DOUBLE);
    int[] end = ds.wordIdx("END");
    boolean ioi = ds.family() == PromptFamily.IOI;
    int[] good = ioi ? ds.ioTokenIds() : ds.io1TokenIds();
    int[] bad = ioi ? ds.sTokenIds() : ds.io2TokenIds();
    INDArray wte = weights.unembed().castTo(DataType.DOUBLE);
    double[] out = new double[ds.size()];
    for (int i = 0; i < out.length; i++) {
      INDArray row = finalNorm.get(NDArrayIndex.point(i), NDArrayIndex.point(end[i]),
          NDArrayIndex.all());
      out[i] = row.mul(wte.getRow(good[i]).sub(wte.getRow(bad[i]))).sumNumber().doubleValue();
    }
    return new LogitDiffStats(out);
  }

  /** The per-prompt values. */
  @Override
  public double[] perPrompt() {
    return perPrompt.clone();
  }

  /** Mean over prompts. */
  public double mean() {
    double s = 0;
    for (double x : perPrompt) {
      s += x;
    }
    return s / perPrompt.length;
  }

  /** Population standard deviation over prompts. */
  public double std() {
    double m = mean();
    double s = 0;
    for (double x : perPrompt) {
      s += (x - m) * (x - m);
    }
    return Math.sqrt(s / perPrompt.length);
  }

  /** Fraction of prompts whose logit difference is positive (IO preferred). */
  public double accuracy() {
    int n = 0;
    for (double x : perPrompt) {
      n += x > 0 ? 1 : 0;
    }
    return (double) n / perPrompt.length;
  }
}
