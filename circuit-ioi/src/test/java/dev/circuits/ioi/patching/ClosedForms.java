package dev.circuits.ioi.patching;

import dev.circuits.gpt2.model.Channel;
import dev.circuits.gpt2.model.Gpt2Weights;
import dev.circuits.gpt2.model.NodeSpec;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The closed forms of spec remix-ioi.md §5.2, computed in double precision from pieces of the
 * clean (baseline) and patch forward passes (head/MLP outputs, residual streams) and the weights,
 * independently of the path-patching engine: direct effects, receiver-group channels, moving
 * pieces and whole-layer components.
 */
final class ClosedForms {
  private final SmallModel m;
  private final Gpt2Weights w;
  private final double eps;
  private final double[][] finalResid;
  private final double[] finalScale;
  private final double[] finalBias;
  private final List<LayerWeights> layers = new java.util.ArrayList<>();

  /** One layer's attention weights in double precision, per head. */
  private static final class LayerWeights {
    final double[] lnScale;
    final double[] lnBias;
    final double[][][] q;
    final double[][][] k;
    final double[][][] v;
    final double[][][] o;
    final double[][] qBias;
    final double[][] kBias;
    final double[][] vBias;

    LayerWeights(Gpt2Weights.Layer l) {
      lnScale = vector(l.attnLnScale());
      lnBias = vector(l.attnLnBias());
      q = perHead(l.q());
      k = perHead(l.k());
      v = perHead(l.v());
      o = perHead(l.o());
      qBias = l.qBias().castTo(DataType.DOUBLE).toDoubleMatrix();
      kBias = l.kBias().castTo(DataType.DOUBLE).toDoubleMatrix();
      vBias = l.vBias().castTo(DataType.DOUBLE).toDoubleMatrix();
    }
  }

  ClosedForms(SmallModel m) {
    this.m = m;
    this.w = m.weights;
    this.eps = w.config().layerNormEpsilon();
    this.finalResid = row(m.clean("final.input"), SmallModel.END);
    this.finalScale = vector(w.finalLnScale());
    this.finalBias = vector(w.finalLnBias());
    for (Gpt2Weights.Layer l : w.layers()) {
      layers.add(new LayerWeights(l));
    }
  }

  /** (a) sender S at its position -> logits, directly. */
  double[] directEffect(NodeSpec s) {
    return movingPieces(List.of(s));
  }

  /** (c) each member's direct path to the logits patched: R_L(x) + sum (g(z) - g(x)) at END. */
  double[] movingPieces(List<NodeSpec> group) {
    double[][] r = copy(finalResid);
    for (NodeSpec g : group) {
      if (g.position() == SmallModel.END) {
        addDelta(r, rowOf(patched(g.unsplitName()), SmallModel.END),
            rowOf(clean(g.unsplitName()), SmallModel.END));
      }
    }
    return ld(r);
  }

  /** (e) a whole-layer component C (all positions, e.g. {@code a1.p_bias}) patched directly. */
  double[] wholeComponent(String name) {
    double[][] r = copy(finalResid);
    addDelta(r, row(m.patched(name), SmallModel.END), row(m.clean(name), SmallModel.END));
    return ld(r);
  }

  /**
   * (b) receivers (heads, each joined to the logits directly) extended with {@code sender}
   * through {@code channel}: each reachable receiver's output row is recomputed with the chosen
   * q/k/v inputs read from the residual in which the sender's row is patched.
   */
  double[] receiverChannel(List<NodeSpec> receivers, NodeSpec sender, Channel channel) {
    double[][] r = copy(finalResid);
    for (NodeSpec rec : receivers) {
      boolean reachable = sender.isMlp() ? rec.layer() >= sender.layer() + 1
          : rec.layer() > sender.layer();
      if (!reachable) {
        continue;
      }
      String input = rec.layer() == 0 ? "embeds" : "a" + rec.layer() + ".input";
      double[][][] resid = clean(input);
      double[][][] patchedResid = copy3(resid);
      double[][] sz = rowOf(patched(sender.unsplitName()), sender.position());
      double[][] sx = rowOf(clean(sender.unsplitName()), sender.position());
      for (int n = 0; n < SmallModel.N; n++) {
        for (int d = 0; d < SmallModel.D; d++) {
          patchedResid[n][sender.position()][d] += sz[n][d] - sx[n][d];
        }
      }
      boolean all = channel == Channel.ALL;
      double[][] oldRow = rowOf(clean(rec.unsplitName()), rec.position());
      for (int n = 0; n < SmallModel.N; n++) {
        double[] out = headRow(rec.layer(), rec.head(),
            all || channel == Channel.Q ? patchedResid[n] : resid[n],
            all || channel == Channel.K ? patchedResid[n] : resid[n],
            all || channel == Channel.V ? patchedResid[n] : resid[n], rec.position());
        for (int d = 0; d < SmallModel.D; d++) {
          r[n][d] += out[d] - oldRow[n][d];
        }
      }
    }
    return ld(r);
  }

  /** Head (layer, head)'s output row {@code row} from residual streams feeding q, k and v. */
  double[] headRow(int layer, int head, double[][] qResid, double[][] kResid, double[][] vResid,
      int row) {
    LayerWeights lw = layers.get(layer);
    int t = qResid.length;
    double[] q = project(lw.q[head], lw.qBias[head], ln(qResid[row], lw.lnScale, lw.lnBias));
    double[] scores = new double[t];
    double max = Double.NEGATIVE_INFINITY;
    double[][] v = new double[t][];
    for (int j = 0; j < t; j++) {
      double[] k = project(lw.k[head], lw.kBias[head], ln(kResid[j], lw.lnScale, lw.lnBias));
      v[j] = project(lw.v[head], lw.vBias[head], ln(vResid[j], lw.lnScale, lw.lnBias));
      scores[j] = j <= row ? dot(q, k) / Math.sqrt(q.length) : -10000.0;
      max = Math.max(max, scores[j]);
    }
    double total = 0;
    for (int j = 0; j < t; j++) {
      scores[j] = Math.exp(scores[j] - max);
      total += scores[j];
    }
    double[] comb = new double[q.length];
    for (int j = 0; j < t; j++) {
      for (int c = 0; c < q.length; c++) {
        comb[c] += scores[j] / total * v[j][c];
      }
    }
    double[][] o = lw.o[head]; // [d, dh]
    double[] out = new double[o.length];
    for (int d = 0; d < out.length; d++) {
      out[d] = dot(o[d], comb);
    }
    return out;
  }

  /** The metric on final residual rows [N][d]: LN_f, then W_U[io] - W_U[s]. */
  double[] ld(double[][] finalRows) {
    double[] out = new double[finalRows.length];
    for (int n = 0; n < finalRows.length; n++) {
      double[] y = ln(finalRows[n], finalScale, finalBias);
      double[] io = vector(w.unembed().getRow(m.ioS.getLong(n, 0)));
      double[] s = vector(w.unembed().getRow(m.ioS.getLong(n, 1)));
      for (int d = 0; d < y.length; d++) {
        out[n] += y[d] * (io[d] - s[d]);
      }
    }
    return out;
  }

  private double[] ln(double[] x, double[] g, double[] b) {
    double mean = 0;
    for (double v : x) {
      mean += v / x.length;
    }
    double var = 0;
    for (double v : x) {
      var += (v - mean) * (v - mean) / x.length;
    }
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = (x[i] - mean) / Math.sqrt(var + eps) * g[i] + b[i];
    }
    return out;
  }

  private static double[] project(double[][] wh, double[] b, double[] x) {
    double[] out = new double[wh.length];
    for (int c = 0; c < wh.length; c++) {
      out[c] = b[c] + dot(wh[c], x);
    }
    return out;
  }

  private static double[][][] perHead(INDArray wts) {
    double[][][] out = new double[(int) wts.size(0)][][];
    for (int h = 0; h < out.length; h++) {
      out[h] = wts.get(org.nd4j.linalg.indexing.NDArrayIndex.point(h)).castTo(DataType.DOUBLE)
          .toDoubleMatrix();
    }
    return out;
  }

  private static double[] vector(INDArray a) {
    return a.castTo(DataType.DOUBLE).toDoubleVector();
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static void addDelta(double[][] r, double[][] plus, double[][] minus) {
    for (int n = 0; n < r.length; n++) {
      for (int d = 0; d < r[n].length; d++) {
        r[n][d] += plus[n][d] - minus[n][d];
      }
    }
  }

  private final java.util.Map<String, double[][][]> cleanValues = new java.util.HashMap<>();
  private final java.util.Map<String, double[][][]> patchValues = new java.util.HashMap<>();

  private double[][][] clean(String name) {
    return cleanValues.computeIfAbsent(name, k -> arr3(m.clean(k)));
  }

  private double[][][] patched(String name) {
    return patchValues.computeIfAbsent(name, k -> arr3(m.patched(k)));
  }

  private static double[][] rowOf(double[][][] x, int t) {
    double[][] out = new double[x.length][];
    for (int n = 0; n < x.length; n++) {
      out[n] = x[n][t].clone();
    }
    return out;
  }

  /** Row {@code t} of a [N, T, d] value: [N][d]. */
  static double[][] row(INDArray a, int t) {
    double[][][] x = arr3(a);
    double[][] out = new double[x.length][];
    for (int n = 0; n < x.length; n++) {
      out[n] = x[n][t].clone();
    }
    return out;
  }

  static double[][][] arr3(INDArray a) {
    INDArray d = a.castTo(DataType.DOUBLE);
    double[][][] out = new double[(int) d.size(0)][][];
    for (int i = 0; i < out.length; i++) {
      out[i] = d.get(org.nd4j.linalg.indexing.NDArrayIndex.point(i)).toDoubleMatrix();
    }
    return out;
  }

  private static double[][] copy(double[][] x) {
    double[][] out = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      out[i] = x[i].clone();
    }
    return out;
  }

  private static double[][][] copy3(double[][][] x) {
    double[][][] out = new double[x.length][][];
    for (int i = 0; i < x.length; i++) {
      out[i] = copy(x[i]);
    }
    return out;
  }
}
