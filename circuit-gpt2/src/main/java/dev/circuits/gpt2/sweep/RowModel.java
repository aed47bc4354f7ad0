package dev.circuits.gpt2.sweep;

import dev.circuits.gpt2.model.Gpt2BuildOptions;
import dev.circuits.gpt2.model.Gpt2Config;
import dev.circuits.gpt2.model.Gpt2Weights;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * GPT-2's weights laid out for batched row computations (one GEMM for q, k and v of all heads,
 * one for the output projection of all heads), with the MLP activation of the circuit it stands
 * for. Build it once per model and share it: {@code RowModel.of(weights, activation)}.
 */
public final class RowModel {
  private final Gpt2Weights weights;
  private final Gpt2Config config;
  private final boolean erfGelu;
  private final List<Block> blocks;

  /** One layer's weights: {@code qkvT} is [3d, d] (q, k, v rows, head-major), {@code oT} [H*dh, d]. */
  record Block(INDArray qkvT, INDArray qkvBias, INDArray oT, Gpt2Weights.Layer layer) {}

  private RowModel(Gpt2Weights weights, Gpt2BuildOptions.Activation activation) {
    this.weights = weights;
    this.config = weights.config();
    this.erfGelu = activation == Gpt2BuildOptions.Activation.GELU_ERF;
    int d = config.nEmbd();
    List<Block> out = new ArrayList<>();
    for (Gpt2Weights.Layer l : weights.layers()) {
      INDArray qkvT = Nd4j.concat(0, l.q().reshape('c', d, d), l.k().reshape('c', d, d),
          l.v().reshape('c', d, d)).castTo(DataType.FLOAT).dup('c');
      INDArray bias = Nd4j.concat(0, RowOps.flat(l.qBias()), RowOps.flat(l.kBias()),
          RowOps.flat(l.vBias())).castTo(DataType.FLOAT).dup('c');
      INDArray oT = l.o().permute(0, 2, 1).dup('c').reshape('c', d, d).castTo(DataType.FLOAT);
      out.add(new Block(qkvT, bias, oT, l));
    }
    this.blocks = List.copyOf(out);
  }

  /** The row engine for {@code weights} with MLP activation {@code activation}. */
  public static RowModel of(Gpt2Weights weights, Gpt2BuildOptions.Activation activation) {
    return new RowModel(weights, activation);
  }

  /** The weights this engine computes with. */
  public Gpt2Weights weights() {
    return weights;
  }

  /** The model's hyper-parameters. */
  public Gpt2Config config() {
    return config;
  }

  Block block(int layer) {
    return blocks.get(layer);
  }

  boolean erfGelu() {
    return erfGelu;
  }

  int layers() {
    return config.nLayer();
  }

  int heads() {
    return config.nHead();
  }

  int dModel() {
    return config.nEmbd();
  }

  int dHead() {
    return config.dHead();
  }

  double eps() {
    return config.layerNormEpsilon();
  }

  /** Head {@code h}'s rows of the q ({@code part} 0), k (1) or v (2) projection: [dh, d]. */
  INDArray headProjection(int layer, int part, int h) {
    int d = dModel();
    int dh = dHead();
    long from = (long) part * d + (long) h * dh;
    return blocks.get(layer).qkvT().get(NDArrayIndex.interval(from, from + dh),
        NDArrayIndex.all()).dup('c');
  }

  /** Head {@code h}'s bias of the q (0), k (1) or v (2) projection: [dh]. */
  INDArray headBias(int layer, int part, int h) {
    int d = dModel();
    int dh = dHead();
    long from = (long) part * d + (long) h * dh;
    return blocks.get(layer).qkvBias().get(NDArrayIndex.interval(from, from + dh)).dup('c');
  }

  /** Head {@code h}'s output map as [dh, d] (rows of {@code oT}). */
  INDArray headOutputMap(int layer, int h) {
    int dh = dHead();
    return blocks.get(layer).oT().get(NDArrayIndex.interval((long) h * dh, (long) (h + 1) * dh),
        NDArrayIndex.all()).dup('c');
  }
}
