package dev.circuits.core.eval;

import dev.circuits.core.Add;
import dev.circuits.core.Array;
import dev.circuits.core.Circuit;
import dev.circuits.core.Concat;
import dev.circuits.core.Einsum;
import dev.circuits.core.GeneralFunction;
import dev.circuits.core.HashKey;
import dev.circuits.core.Index;
import dev.circuits.core.Rearrange;
import dev.circuits.core.Scalar;
import dev.circuits.core.Scatter;
import dev.circuits.core.Substitution;
import dev.circuits.core.spec.CastSpec;
import dev.circuits.core.spec.GenIndexSpec;
import dev.circuits.core.spec.RearrangeSpec;
import dev.circuits.core.spec.SimpleFunction;
import dev.circuits.core.spec.TensorIndex;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A slow, obviously correct evaluator over plain {@code double[]} (c order) with nested index
 * loops for every node type, written independently of the ND4J kernels. Test oracle only.
 */
final class ReferenceEvaluator {
  /** A dense c-order tensor. */
  record Tensor(long[] shape, double[] data) {
    static Tensor zeros(long[] shape) {
      return new Tensor(shape.clone(), new double[Math.toIntExact(numel(shape))]);
    }

    double at(long[] idx) {
      return data[offset(shape, idx)];
    }

    void set(long[] idx, double v) {
      data[offset(shape, idx)] = v;
    }

    int rank() {
      return shape.length;
    }
  }

  private final Map<HashKey, Tensor> memo = new HashMap<>();

  /** The value of {@code c} (modules substituted first). */
  Tensor evaluate(Circuit c) {
    return eval(Substitution.substituteAll(c));
  }

  /** The c-order contents of an ND4J array as doubles. */
  static Tensor fromNd4j(INDArray a) {
    double[] d = new double[Math.toIntExact(a.length())];
    INDArray flat = a.castTo(DataType.DOUBLE).dup('c');
    for (int i = 0; i < d.length; i++) {
      d[i] = flat.data().getDouble(i);
    }
    return new Tensor(a.shape(), d);
  }

  private Tensor eval(Circuit c) {
    HashKey key = HashKey.of(c);
    Tensor done = memo.get(key);
    if (done != null) {
      return done;
    }
    List<Tensor> in = new ArrayList<>();
    for (Circuit child : c.children()) {
      in.add(eval(child));
    }
    Tensor out = switch (c.kind()) {
      case ARRAY -> fromNd4j(((Array) c).value());
      case SCALAR -> scalar((Scalar) c);
      case EINSUM -> einsum((Einsum) c, in);
      case ADD -> add((Add) c, in);
      case REARRANGE -> rearrange((Rearrange) c, in.get(0));
      case INDEX -> index((Index) c, in.get(0));
      case GENERAL_FUNCTION -> generalFunction((GeneralFunction) c, in);
      case CONCAT -> concat((Concat) c, in);
      case SCATTER -> scatter((Scatter) c, in.get(0));
      case TAG, SET_SYMBOLIC_SHAPE -> in.get(0);
      default -> throw new IllegalArgumentException("reference cannot evaluate " + c.describe());
    };
    memo.put(key, out);
    return out;
  }

  private static Tensor scalar(Scalar s) {
    Tensor t = Tensor.zeros(s.shape().toArray());
    Arrays.fill(t.data(), s.value());
    return t;
  }

  /** Sums the product of operands over every assignment of every axis int. */
  private static Tensor einsum(Einsum e, List<Tensor> in) {
    Map<Integer, Long> sizes = new LinkedHashMap<>();
    for (int k = 0; k < in.size(); k++) {
      int[] ax = e.inAxes(k);
      for (int p = 0; p < ax.length; p++) {
        sizes.put(ax[p], in.get(k).shape()[p]);
      }
    }
    int[] ints = sizes.keySet().stream().mapToInt(Integer::intValue).toArray();
    long[] bounds = Arrays.stream(ints).mapToLong(sizes::get).toArray();
    Tensor out = Tensor.zeros(e.shape().toArray());
    Map<Integer, Integer> pos = new HashMap<>();
    for (int i = 0; i < ints.length; i++) {
      pos.put(ints[i], i);
    }
    for (long[] assign : allIndices(bounds)) {
      double prod = 1.0;
      for (int k = 0; k < in.size(); k++) {
        prod *= in.get(k).at(pick(e.inAxes(k), assign, pos));
      }
      long[] o = pick(e.outAxes(), assign, pos);
      out.set(o, out.at(o) + prod);
    }
    return out;
  }

  private static long[] pick(int[] axes, long[] assign, Map<Integer, Integer> pos) {
    long[] idx = new long[axes.length];
    for (int p = 0; p < axes.length; p++) {
      idx[p] = assign[pos.get(axes[p])];
    }
    return idx;
  }

  private static Tensor add(Add a, List<Tensor> in) {
    Tensor out = Tensor.zeros(a.shape().toArray());
    for (long[] o : allIndices(out.shape())) {
      double s = 0;
      for (Tensor t : in) {
        long[] idx = new long[t.rank()];
        int off = o.length - t.rank();
        for (int i = 0; i < t.rank(); i++) {
          idx[i] = t.shape()[i] == 1 ? 0 : o[off + i];
        }
        s += t.at(idx);
      }
      out.set(o, s);
    }
    return out;
  }

  /** Each output index is split into its axis ints, which are recombined into the source index. */
  private static Tensor rearrange(Rearrange r, Tensor x) {
    RearrangeSpec spec = r.conformedSpec();
    long[] sizes = spec.sizes();
    int[][] inG = spec.input();
    int[][] outG = spec.output();
    Tensor out = Tensor.zeros(r.shape().toArray());
    for (long[] o : allIndices(out.shape())) {
      Map<Integer, Long> val = new HashMap<>();
      for (int g = 0; g < outG.length; g++) {
        long rem = o[g];
        for (int k = outG[g].length - 1; k >= 0; k--) {
          int i = outG[g][k];
          val.put(i, rem % sizes[i]);
          rem /= sizes[i];
        }
      }
      long[] src = new long[inG.length];
      for (int g = 0; g < inG.length; g++) {
        long v = 0;
        for (int i : inG[g]) {
          v = v * sizes[i] + val.get(i);
        }
        src[g] = v;
      }
      out.set(o, x.at(src));
    }
    return out;
  }

  private static Tensor index(Index node, Tensor x) {
    TensorIndex idx = node.index();
    Tensor out = Tensor.zeros(node.shape().toArray());
    for (long[] o : allIndices(out.shape())) {
      long[] src = new long[x.rank()];
      int k = 0;
      for (int a = 0; a < x.rank(); a++) {
        long len = x.shape()[a];
        TensorIndex.Axis ax = a < idx.size() ? idx.axes().get(a) : TensorIndex.Slice.ALL;
        if (ax instanceof TensorIndex.Single s) {
          src[a] = s.index() < 0 ? s.index() + len : s.index();
        } else if (ax instanceof TensorIndex.Slice s) {
          src[a] = sliceStart(s, len) + o[k++];
        } else {
          long v = ((TensorIndex.Tensor) ax).values().getLong(o[k++]);
          src[a] = v < 0 ? v + len : v;
        }
      }
      out.set(o, x.at(src));
    }
    return out;
  }

  private static long sliceStart(TensorIndex.Slice s, long len) {
    if (s.start() == null) {
      return 0;
    }
    return s.start() < 0 ? Math.max(0, len + s.start()) : Math.min(len, s.start());
  }

  private static Tensor concat(Concat c, List<Tensor> in) {
    Tensor out = Tensor.zeros(c.shape().toArray());
    int axis = c.axis();
    long base = 0;
    for (Tensor t : in) {
      for (long[] i : allIndices(t.shape())) {
        long[] o = i.clone();
        o[axis] += base;
        out.set(o, t.at(i));
      }
      base += t.shape()[axis];
    }
    return out;
  }

  private static Tensor scatter(Scatter s, Tensor x) {
    Tensor out = Tensor.zeros(s.shape().toArray());
    TensorIndex idx = s.index();
    for (long[] i : allIndices(x.shape())) {
      long[] o = i.clone();
      for (int a = 0; a < idx.size(); a++) {
        o[a] += sliceStart((TensorIndex.Slice) idx.axes().get(a), out.shape()[a]);
      }
      out.set(o, x.at(i));
    }
    return out;
  }

  private static Tensor generalFunction(GeneralFunction gf, List<Tensor> in) {
    if (gf.spec() instanceof SimpleFunction f) {
      return simple(f, in.get(0));
    }
    if (gf.spec() instanceof GenIndexSpec g) {
      return genIndex(g, gf, in.get(0), in.get(1));
    }
    if (gf.spec() instanceof CastSpec cast) {
      return cast(cast, in.get(0));
    }
    throw new IllegalArgumentException("reference has no formula for " + gf.spec().fnName());
  }

  private static Tensor cast(CastSpec cast, Tensor x) {
    String to = cast.toDtype() == null ? "float64" : cast.toDtype();
    double[] d = x.data().clone();
    for (int i = 0; i < d.length; i++) {
      if (to.equals("bool")) {
        d[i] = d[i] != 0 ? 1 : 0;
      } else if (to.startsWith("int") || to.startsWith("uint")) {
        d[i] = (long) d[i];
      }
    }
    return new Tensor(x.shape(), d);
  }

  private static Tensor simple(SimpleFunction f, Tensor x) {
    long[] s = x.shape();
    switch (f) {
      case SOFTMAX, LOG_SOFTMAX -> {
        Tensor out = Tensor.zeros(s);
        int n = Math.toIntExact(s[s.length - 1]);
        for (int row = 0; row * n < x.data().length; row++) {
          double max = Double.NEGATIVE_INFINITY;
          for (int j = 0; j < n; j++) {
            max = Math.max(max, x.data()[row * n + j]);
          }
          double sum = 0;
          for (int j = 0; j < n; j++) {
            sum += Math.exp(x.data()[row * n + j] - max);
          }
          for (int j = 0; j < n; j++) {
            double z = x.data()[row * n + j] - max;
            out.data()[row * n + j] = f == SimpleFunction.SOFTMAX ? Math.exp(z) / sum
                : z - Math.log(sum);
          }
        }
        return out;
      }
      case MIN, MAX, LAST_DIM_SIZE -> {
        Tensor out = Tensor.zeros(Arrays.copyOf(s, s.length - 1));
        int n = Math.toIntExact(s[s.length - 1]);
        for (int row = 0; row < out.data().length; row++) {
          double acc = f == SimpleFunction.MIN ? Double.POSITIVE_INFINITY
              : Double.NEGATIVE_INFINITY;
          for (int j = 0; j < n; j++) {
            double v = x.data()[row * n + j];
            acc = f == SimpleFunction.MIN ? Math.min(acc, v) : Math.max(acc, v);
          }
          out.data()[row] = f == SimpleFunction.LAST_DIM_SIZE ? n : acc;
        }
        return out;
      }
      default -> {
        double[] d = new double[x.data().length];
        for (int i = 0; i < d.length; i++) {
          d[i] = elementwise(f, x.data()[i]);
        }
        return new Tensor(s, d);
      }
    }
  }

  static double elementwise(SimpleFunction f, double x) {
    return switch (f) {
      case SIN -> Math.sin(x);
      case COS -> Math.cos(x);
      case GELU -> 0.5 * x * (1 + erf(x / Math.sqrt(2)));
      case GELU_NEW -> 0.5 * x
          * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));
      case RELU -> x > 0 ? x : 0;
      case STEP -> x > 0 ? 1 : 0;
      case SIGMOID -> 1 / (1 + Math.exp(-x));
      case RSQRT -> 1 / Math.sqrt(x);
      case RECIPROCAL -> 1 / x;
      case TANH -> Math.tanh(x);
      case LOG_EXP_P_1 -> Math.log1p(Math.exp(x));
      case GAUSSIAN_PDF -> Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI);
      case GAUSSIAN_CDF -> 0.5 * (1 + erf(x / Math.sqrt(2)));
      case ABS -> Math.abs(x);
      case EXP -> Math.exp(x);
      case LOG -> Math.log(x);
      case LOGIT -> Math.log(x / (1 - x));
      default -> throw new IllegalArgumentException(f + " is not elementwise");
    };
  }

  /**
   * erf to ~1e-15: the everywhere-positive series {@code 2/sqrt(pi) e^{-x^2} sum (2x^2)^n x /
   * (1*3*...*(2n+1))} for |x| < 3, and Lentz's continued fraction for erfc beyond.
   */
  static double erf(double x) {
    double ax = Math.abs(x);
    double r;
    if (ax < 3) {
      double term = ax;
      double sum = ax;
      for (int n = 0; n < 200 && term > 1e-18 * sum; n++) {
        term *= 2 * ax * ax / (2 * n + 3);
        sum += term;
      }
      r = 2 / Math.sqrt(Math.PI) * Math.exp(-ax * ax) * sum;
    } else {
      r = 1 - erfcContinuedFraction(ax);
    }
    return x < 0 ? -r : r;
  }

  /** erfc(x) for x >= 3: e^{-x^2}/sqrt(pi) / (x + (1/2)/(x + 1/(x + (3/2)/(x + ...)))). */
  private static double erfcContinuedFraction(double x) {
    double tiny = 1e-300;
    double f = x;
    double c = x;
    double d = 0;
    for (int n = 1; n < 500; n++) {
      double a = n / 2.0;
      d = x + a * d;
      d = Math.abs(d) < tiny ? tiny : d;
      c = x + a / c;
      c = Math.abs(c) < tiny ? tiny : c;
      d = 1 / d;
      double delta = c * d;
      f *= delta;
      if (Math.abs(delta - 1) < 1e-16) {
        break;
      }
    }
    return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
  }

  private static Tensor genIndex(GenIndexSpec g, GeneralFunction gf, Tensor x, Tensor index) {
    Tensor out = Tensor.zeros(gf.shape().toArray());
    int xr = x.rank();
    int ir = index.rank();
    for (long[] o : allIndices(out.shape())) {
      long[] src = new long[xr];
      if (g.batchX() && g.batchIndex()) {
        int d = canon(g.indexDim(), xr - ir) + ir;
        double i = index.at(Arrays.copyOf(o, ir));
        fill(src, o, d, normalise(i, x.shape()[d]));
      } else if (g.batchIndex()) {
        int d = canon(g.indexDim(), xr);
        double i = index.at(Arrays.copyOf(o, ir));
        fill(src, Arrays.copyOfRange(o, ir, o.length), d, normalise(i, x.shape()[d]));
      } else {
        int d = canon(g.indexDim(), xr);
        double i = index.at(Arrays.copyOfRange(o, d, d + ir));
        long[] rest = new long[xr - 1];
        System.arraycopy(o, 0, rest, 0, d);
        System.arraycopy(o, d + ir, rest, d, xr - 1 - d);
        fill(src, rest, d, normalise(i, x.shape()[d]));
      }
      out.set(o, x.at(src));
    }
    return out;
  }

  /** src = rest with {@code i} inserted at position {@code d}. */
  private static void fill(long[] src, long[] rest, int d, long i) {
    for (int a = 0, k = 0; a < src.length; a++) {
      src[a] = a == d ? i : rest[k++];
    }
  }

  private static long normalise(double i, long len) {
    long v = (long) i;
    return v < 0 ? v + len : v;
  }

  private static int canon(long i, int count) {
    return (int) ((i + count) % count);
  }

  private static int offset(long[] shape, long[] idx) {
    long off = 0;
    for (int i = 0; i < shape.length; i++) {
      if (idx[i] < 0 || idx[i] >= shape[i]) {
        throw new IndexOutOfBoundsException("index " + Arrays.toString(idx) + " outside "
            + Arrays.toString(shape));
      }
      off = off * shape[i] + idx[i];
    }
    return Math.toIntExact(off);
  }

  private static long numel(long[] shape) {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    return n;
  }

  /** Every multi-index of a shape, in c order (one empty index for rank 0). */
  static List<long[]> allIndices(long[] shape) {
    List<long[]> out = new ArrayList<>();
    if (numel(shape) == 0) {
      return out;
    }
    long[] idx = new long[shape.length];
    while (true) {
      out.add(idx.clone());
      int a = shape.length - 1;
      while (a >= 0 && ++idx[a] == shape[a]) {
        idx[a] = 0;
        a--;
      }
      if (a < 0) {
        return out;
      }
    }
  }
}
