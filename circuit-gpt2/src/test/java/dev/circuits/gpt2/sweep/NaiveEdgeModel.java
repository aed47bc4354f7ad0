package dev.circuits.gpt2.sweep;

import dev.circuits.gpt2.model.Gpt2Weights;
import java.util.function.BiPredicate;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A deliberately plain reference for edge patching, in doubles and loops: every receiver input is
 * built from scratch as the sum over earlier components of their output (kept edge) or their
 * corrupted output (removed edge), plus the biases; LayerNorm, attention, gelu_new and the
 * logit difference are written out by hand.
 */
final class NaiveEdgeModel {
  private final Gpt2Weights w;
  private final HeadGraph graph;
  private final int d;
  private final int heads;
  private final int dh;
  private final double eps;

  NaiveEdgeModel(Gpt2Weights w) {
    this.w = w;
    this.graph = new HeadGraph(w.config().nLayer(), w.config().nHead());
    this.d = w.config().nEmbd();
    this.heads = w.config().nHead();
    this.dh = w.config().dHead();
    this.eps = w.config().layerNormEpsilon();
  }

  /** Component outputs [C][N][T][d] and the logits' input [N][T][d] of one run. */
  record Run(double[][][][] outputs, double[][][] finalInput) {}

  /**
   * Runs {@code tokens} ([N][T]); receiver inputs read {@code corrupt}'s output of sender s where
   * {@code removed(s, receiver)} (corrupt null: nothing removed).
   */
  Run run(long[][] tokens, Run corrupt, BiPredicate<Integer, GraphReceiver> removed) {
    int n = tokens.length;
    int t = tokens[0].length;
    double[][][][] outs = new double[graph.components()][][][];
    double[][][] embed = new double[n][t][d];
    for (int i = 0; i < n; i++) {
      for (int p = 0; p < t; p++) {
        for (int k = 0; k < d; k++) {
          embed[i][p][k] = w.tokEmbeds().getDouble(tokens[i][p], k)
              + w.posEmbeds().getDouble(p, k);
        }
      }
    }
    outs[0] = embed;
    for (int l = 0; l < graph.layers(); l++) {
      Gpt2Weights.Layer lw = w.layers().get(l);
      for (int h = 0; h < heads; h++) {
        GraphNode node = GraphNode.head(l, h);
        double[][][][] qkv = new double[3][][][];
        EdgeInput[] ins = {EdgeInput.Q, EdgeInput.K, EdgeInput.V};
        INDArray[] ws = {lw.q(), lw.k(), lw.v()};
        INDArray[] bs = {lw.qBias(), lw.kBias(), lw.vBias()};
        for (int c = 0; c < 3; c++) {
          double[][][] x = input(outs, corrupt, removed, new GraphReceiver(node, ins[c]), n, t);
          qkv[c] = new double[n][t][dh];
          for (int i = 0; i < n; i++) {
            for (int p = 0; p < t; p++) {
              double[] y = layerNorm(x[i][p], lw.attnLnScale(), lw.attnLnBias());
              for (int e = 0; e < dh; e++) {
                double s = bs[c].getDouble(h, e);
                for (int k = 0; k < d; k++) {
                  s += ws[c].getDouble(h, e, k) * y[k];
                }
                qkv[c][i][p][e] = s;
              }
            }
          }
        }
        double[][][] o = new double[n][t][d];
        for (int i = 0; i < n; i++) {
          for (int p = 0; p < t; p++) {
            double[] sc = new double[p + 1];
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j <= p; j++) {
              double s = 0;
              for (int e = 0; e < dh; e++) {
                s += qkv[0][i][p][e] * qkv[1][i][j][e];
              }
              sc[j] = s / Math.sqrt(dh);
              max = Math.max(max, sc[j]);
            }
            double z = 0;
            for (int j = 0; j <= p; j++) {
              sc[j] = Math.exp(sc[j] - max);
              z += sc[j];
            }
            double[] comb = new double[dh];
            for (int j = 0; j <= p; j++) {
              for (int e = 0; e < dh; e++) {
                comb[e] += sc[j] / z * qkv[2][i][j][e];
              }
            }
            for (int k = 0; k < d; k++) {
              double s = 0;
              for (int e = 0; e < dh; e++) {
                s += lw.o().getDouble(h, k, e) * comb[e];
              }
              o[i][p][k] = s;
            }
          }
        }
        outs[graph.index(node)] = o;
      }
      GraphNode mlp = GraphNode.mlp(l);
      double[][][] x = input(outs, corrupt, removed, new GraphReceiver(mlp, EdgeInput.RESID), n, t);
      double[][][] o = new double[n][t][d];
      int hidden = (int) lw.projIn().size(0);
      for (int i = 0; i < n; i++) {
        for (int p = 0; p < t; p++) {
          double[] y = layerNorm(x[i][p], lw.mlpLnScale(), lw.mlpLnBias());
          double[] a = new double[hidden];
          for (int u = 0; u < hidden; u++) {
            double s = lw.inBias().getDouble(u);
            for (int k = 0; k < d; k++) {
              s += lw.projIn().getDouble(u, k) * y[k];
            }
            a[u] = 0.5 * s * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (s + 0.044715 * s * s * s)));
          }
          for (int k = 0; k < d; k++) {
            double s = 0;
            for (int u = 0; u < hidden; u++) {
              s += lw.projOut().getDouble(k, u) * a[u];
            }
            o[i][p][k] = s;
          }
        }
      }
      outs[graph.index(mlp)] = o;
    }
    double[][][] fin = input(outs, corrupt, removed,
        new GraphReceiver(GraphNode.logits(), EdgeInput.RESID), n, t);
    return new Run(outs, fin);
  }

  /** Mean over prompts of logit(io) - logit(s) at row {@code row}; labels [N][2]. */
  double logitDiff(Run run, long[][] labels, int row) {
    double sum = 0;
    for (int i = 0; i < labels.length; i++) {
      double[] y = layerNorm(run.finalInput()[i][row], w.finalLnScale(), w.finalLnBias());
      double s = 0;
      for (int k = 0; k < d; k++) {
        s += (w.unembed().getDouble(labels[i][0], k) - w.unembed().getDouble(labels[i][1], k))
            * y[k];
      }
      sum += s;
    }
    return sum / labels.length;
  }

  private double[][][] input(double[][][][] outs, Run corrupt,
      BiPredicate<Integer, GraphReceiver> removed, GraphReceiver r, int n, int t) {
    double[][][] x = new double[n][t][d];
    int senders = graph.senderCount(r.node());
    for (int s = 0; s < senders; s++) {
      boolean rem = corrupt != null && removed.test(s, r);
      double[][][] src = rem ? corrupt.outputs()[s] : outs[s];
      for (int i = 0; i < n; i++) {
        for (int p = 0; p < t; p++) {
          for (int k = 0; k < d; k++) {
            x[i][p][k] += src[i][p][k];
          }
        }
      }
    }
    double[] bias = new double[d];
    int fullLayers = r.node().kind() == GraphNode.Kind.LOGITS ? graph.layers() : r.node().layer();
    for (int l = 0; l < fullLayers; l++) {
      add(bias, w.layers().get(l).oBias());
      add(bias, w.layers().get(l).outBias());
    }
    if (r.node().kind() == GraphNode.Kind.MLP) {
      add(bias, w.layers().get(r.node().layer()).oBias());
    }
    for (double[][] prompt : x) {
      for (double[] row : prompt) {
        for (int k = 0; k < d; k++) {
          row[k] += bias[k];
        }
      }
    }
    return x;
  }

  private static void add(double[] into, INDArray v) {
    double[] a = v.castTo(DataType.DOUBLE).toDoubleVector();
    for (int k = 0; k < into.length; k++) {
      into[k] += a[k];
    }
  }

  private double[] layerNorm(double[] x, INDArray g, INDArray b) {
    double mean = 0;
    for (double v : x) {
      mean += v;
    }
    mean /= x.length;
    double var = 0;
    for (double v : x) {
      var += (v - mean) * (v - mean);
    }
    var /= x.length;
    double[] y = new double[x.length];
    for (int k = 0; k < x.length; k++) {
      y[k] = (x[k] - mean) / Math.sqrt(var + eps) * g.getDouble(k) + b.getDouble(k);
    }
    return y;
  }
}
