package dev.circuits.core.testing;

import dev.circuits.core.Add;
import dev.circuits.core.Array;
import dev.circuits.core.Circuit;
import dev.circuits.core.Concat;
import dev.circuits.core.Einsum;
import dev.circuits.core.GeneralFunction;
import dev.circuits.core.Index;
import dev.circuits.core.Module;
import dev.circuits.core.ModuleSpec;
import dev.circuits.core.Rearrange;
import dev.circuits.core.Scalar;
import dev.circuits.core.Scatter;
import dev.circuits.core.Shape;
import dev.circuits.core.Symbol;
import dev.circuits.core.Tag;
import dev.circuits.core.spec.GenIndexSpec;
import dev.circuits.core.spec.RearrangeSpec;
import dev.circuits.core.spec.SimpleFunction;
import dev.circuits.core.spec.TensorIndex;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Seeded generator of small, valid, explicitly computable float64 circuits covering every node type
 * the evaluator and text format support (Modules included, DiscreteVar excluded). Each node is
 * generated for a target shape, so every construction is valid by design.
 */
public final class RandomCircuits {
  private static final String[] NAMES = {"a", "b", "x.y", "a0.h1", "it's", "back\\slash", "# hash",
      "sp ace", "\u00fcn\u00efcode", "m0", "logits", "q", "k"};
  private static final SimpleFunction[] ELEMENTWISE = {SimpleFunction.TANH, SimpleFunction.SIGMOID,
      SimpleFunction.GELU, SimpleFunction.GELU_NEW, SimpleFunction.RELU, SimpleFunction.ABS,
      SimpleFunction.SIN, SimpleFunction.COS, SimpleFunction.EXP, SimpleFunction.STEP};
  private static final SimpleFunction[] POSITIVE_ONLY = {SimpleFunction.LOG, SimpleFunction.RSQRT,
      SimpleFunction.RECIPROCAL, SimpleFunction.LOGIT};
  private static final SimpleFunction[] LAST_DIM = {SimpleFunction.SOFTMAX,
      SimpleFunction.LOG_SOFTMAX};
  private static final SimpleFunction[] REDUCING = {SimpleFunction.MIN, SimpleFunction.MAX,
      SimpleFunction.LAST_DIM_SIZE};

  private final Random r;
  private boolean names = true;
  private boolean modules = true;
  private int maxDepth = 4;
  private List<Symbol> symbolPool;

  /** A generator whose output depends only on {@code seed}. */
  public RandomCircuits(long seed) {
    this.r = new Random(seed);
  }

  /** Whether nodes get (random, sometimes duplicate) names. */
  public RandomCircuits names(boolean on) {
    this.names = on;
    return this;
  }

  /** Whether Modules may appear. */
  public RandomCircuits modules(boolean on) {
    this.modules = on;
    return this;
  }

  /** Maximum nesting depth of operations. */
  public RandomCircuits maxDepth(int depth) {
    this.maxDepth = depth;
    return this;
  }

  /** The next random circuit, of a random small shape. */
  public Circuit next() {
    return next(randomShape(0, 3));
  }

  /** The next random circuit with the given shape. */
  public Circuit next(Shape shape) {
    return gen(maxDepth, shape);
  }

  /** A random shape of rank in [minRank, maxRank] with dims 1..4. */
  public Shape randomShape(int minRank, int maxRank) {
    int rank = minRank + r.nextInt(maxRank - minRank + 1);
    long[] d = new long[rank];
    for (int i = 0; i < rank; i++) {
      d[i] = 1 + r.nextInt(4);
    }
    return Shape.of(d);
  }

  private Circuit gen(int depth, Shape shape) {
    if (depth <= 0 || r.nextDouble() < 0.2) {
      return leaf(shape);
    }
    Circuit c;
    switch (r.nextInt(12)) {
      case 0, 1 -> c = einsum(depth, shape);
      case 2 -> c = add(depth, shape);
      case 3 -> c = rearrange(depth, shape);
      case 4 -> c = index(depth, shape);
      case 5 -> c = generalFunction(depth, shape);
      case 6 -> c = concat(depth, shape);
      case 7 -> c = Tag.of(gen(depth - 1, shape), new UUID(r.nextLong(), r.nextLong()), null);
      case 8 -> c = scatter(depth, shape);
      case 9 -> c = genIndex(depth, shape);
      case 10 -> c = modules && symbolPool == null ? module(depth, shape) : einsum(depth, shape);
      default -> c = add(depth, shape);
    }
    return maybeName(c);
  }

  private Circuit maybeName(Circuit c) {
    if (!names) {
      return c.isNamed() ? c.rename(null) : c;
    }
    double p = r.nextDouble();
    if (p < 0.35) {
      c = c.rename(NAMES[r.nextInt(NAMES.length)]);
    } else if (p < 0.45) {
      c = c.rename(null);
    }
    if (r.nextDouble() < 0.08) {
      c = c.withAutonameDisabled();
    }
    return c;
  }

  private Circuit leaf(Shape shape) {
    if (symbolPool != null && r.nextDouble() < 0.5) {
      for (Symbol s : symbolPool) {
        if (s.shape().equals(shape)) {
          return s;
        }
      }
      Symbol s = Symbol.of(shape, new UUID(r.nextLong(), r.nextLong()),
          "sym" + symbolPool.size());
      symbolPool.add(s);
      return s;
    }
    if (r.nextDouble() < 0.25) {
      double v = Math.round(r.nextGaussian() * 100) / 10.0;
      return maybeName(Scalar.of(v, shape, null));
    }
    return maybeName(array(shape));
  }

  private Array array(Shape shape) {
    double[] data = new double[Math.toIntExact(shape.numel())];
    for (int i = 0; i < data.length; i++) {
      data[i] = r.nextGaussian() * 0.7;
    }
    return Array.wrap(Nd4j.create(data, shape.toArray(), DataType.DOUBLE), null);
  }

  private Circuit einsum(int depth, Shape shape) {
    Map<Integer, Long> sizes = new HashMap<>();
    int next = 0;
    int[] out = new int[shape.rank()];
    for (int i = 0; i < shape.rank(); i++) {
      Integer reuse = null;
      if (r.nextDouble() < 0.15) {
        for (int j = 0; j < i; j++) {
          if (shape.get(j) == shape.get(i)) {
            reuse = out[j];
          }
        }
      }
      if (reuse != null) {
        out[i] = reuse;
      } else {
        out[i] = next++;
        sizes.put(out[i], shape.get(i));
      }
    }
    int contracted = r.nextInt(3);
    for (int i = 0; i < contracted; i++) {
      sizes.put(next++, 1L + r.nextInt(4));
    }
    List<Integer> ints = new ArrayList<>(sizes.keySet());
    int nOps = 1 + r.nextInt(3);
    List<List<Integer>> opInts = new ArrayList<>();
    for (int k = 0; k < nOps; k++) {
      List<Integer> axes = new ArrayList<>();
      int rank = ints.isEmpty() ? 0 : r.nextInt(4);
      for (int j = 0; j < rank; j++) {
        axes.add(ints.get(r.nextInt(ints.size())));
      }
      opInts.add(axes);
    }
    for (int i : ints) {
      if (opInts.stream().noneMatch(l -> l.contains(i))) {
        List<Integer> target = opInts.get(r.nextInt(nOps));
        target.add(r.nextInt(target.size() + 1), i);
      }
    }
    List<Einsum.Arg> args = new ArrayList<>();
    for (List<Integer> axes : opInts) {
      long[] dims = axes.stream().mapToLong(sizes::get).toArray();
      args.add(new Einsum.Arg(gen(depth - 1, Shape.of(dims)),
          axes.stream().mapToInt(Integer::intValue).toArray()));
    }
    return Einsum.of(args, out, null);
  }

  private Circuit add(int depth, Shape shape) {
    int n = 1 + r.nextInt(3);
    List<Circuit> ops = new ArrayList<>();
    boolean full = false;
    for (int k = 0; k < n; k++) {
      int drop = full || k < n - 1 ? r.nextInt(shape.rank() + 1) : 0;
      long[] dims = shape.drop(Math.min(drop, shape.rank())).toArray();
      if (k < n - 1 || full) {
        for (int i = 0; i < dims.length; i++) {
          if (r.nextDouble() < 0.3) {
            dims[i] = 1;
          }
        }
      }
      Shape s = Shape.of(dims);
      full |= s.equals(shape);
      ops.add(gen(depth - 1, s));
    }
    if (!full) {
      ops.add(gen(depth - 1, shape));
    }
    return Add.of(ops, null);
  }

  private Circuit rearrange(int depth, Shape shape) {
    int rank = shape.rank();
    int kind = r.nextInt(4);
    if (kind == 0 && rank >= 2) {
      // permutation
      List<Integer> perm = new ArrayList<>();
      for (int i = 0; i < rank; i++) {
        perm.add(i);
      }
      java.util.Collections.shuffle(perm, r);
      long[] childDims = new long[rank];
      int[][] in = new int[rank][];
      int[][] out = new int[rank][];
      long[] sizes = new long[rank];
      for (int i = 0; i < rank; i++) {
        childDims[i] = shape.get(perm.get(i));
        in[i] = new int[] {perm.get(i)};
        out[i] = new int[] {i};
        sizes[i] = RearrangeSpec.NONE;
      }
      return Rearrange.of(gen(depth - 1, Shape.of(childDims)), RearrangeSpec.of(in, out, sizes),
          null);
    } else if (kind == 1 && rank >= 2) {
      // split: child has dims i,i+1 merged
      int i = r.nextInt(rank - 1);
      long[] childDims = new long[rank - 1];
      int[][] in = new int[rank - 1][];
      int[][] out = new int[rank][];
      long[] sizes = new long[rank];
      Arrays.fill(sizes, RearrangeSpec.NONE);
      for (int a = 0, c = 0; a < rank; a++) {
        out[a] = new int[] {a};
        if (a == i) {
          childDims[c] = shape.get(a) * shape.get(a + 1);
          in[c++] = new int[] {a, a + 1};
          sizes[a + 1] = shape.get(a + 1);
          if (r.nextBoolean()) {
            sizes[a] = shape.get(a);
          }
        } else if (a != i + 1) {
          childDims[c] = shape.get(a);
          in[c++] = new int[] {a};
        }
      }
      return Rearrange.of(gen(depth - 1, Shape.of(childDims)), RearrangeSpec.of(in, out, sizes),
          null);
    } else if (kind == 2 && rank >= 1) {
      // repeat: child lacks dim i
      int i = r.nextInt(rank);
      long[] childDims = new long[rank - 1];
      int[][] in = new int[rank - 1][];
      int[][] out = new int[rank][];
      long[] sizes = new long[rank];
      Arrays.fill(sizes, RearrangeSpec.NONE);
      for (int a = 0, c = 0; a < rank; a++) {
        out[a] = new int[] {a};
        if (a == i) {
          sizes[a] = shape.get(a);
        } else {
          childDims[c] = shape.get(a);
          in[c++] = new int[] {a};
        }
      }
      return Rearrange.of(gen(depth - 1, Shape.of(childDims)), RearrangeSpec.of(in, out, sizes),
          null);
    } else if (rank >= 1) {
      // merge: output dim i is a flattened (i0 i1) of the child
      int i = r.nextInt(rank);
      long total = shape.get(i);
      long first = divisor(total);
      long[] childDims = new long[rank + 1];
      int[][] in = new int[rank + 1][];
      int[][] out = new int[rank][];
      long[] sizes = new long[rank + 1];
      Arrays.fill(sizes, RearrangeSpec.NONE);
      int next = 0;
      for (int a = 0, c = 0; a < rank; a++) {
        if (a == i) {
          childDims[c] = first;
          in[c++] = new int[] {next};
          childDims[c] = total / first;
          in[c++] = new int[] {next + 1};
          out[a] = new int[] {next, next + 1};
          next += 2;
        } else {
          childDims[c] = shape.get(a);
          in[c++] = new int[] {next};
          out[a] = new int[] {next++};
        }
      }
      return Rearrange.of(gen(depth - 1, Shape.of(childDims)), RearrangeSpec.of(in, out, sizes),
          null);
    }
    return Rearrange.of(gen(depth - 1, shape), RearrangeSpec.ident(rank), null);
  }

  private long divisor(long n) {
    List<Long> ds = new ArrayList<>();
    for (long d = 1; d <= n; d++) {
      if (n % d == 0) {
        ds.add(d);
      }
    }
    return ds.get(r.nextInt(ds.size()));
  }

  private Circuit index(int depth, Shape shape) {
    List<TensorIndex.Axis> axes = new ArrayList<>();
    List<Long> childDims = new ArrayList<>();
    int a = 0;
    while (a < shape.rank() || (childDims.size() < 4 && r.nextDouble() < 0.3)) {
      double p = r.nextDouble();
      if (p < 0.25 || a >= shape.rank()) {
        long len = 1 + r.nextInt(3);
        long i = r.nextInt((int) len);
        axes.add(TensorIndex.at(r.nextBoolean() ? i : i - len));
        childDims.add(len);
        continue;
      }
      long target = shape.get(a);
      if (p < 0.45) {
        long len = 1 + r.nextInt(4);
        long[] vals = new long[(int) target];
        for (int k = 0; k < vals.length; k++) {
          vals[k] = r.nextInt((int) len);
        }
        axes.add(new TensorIndex.Tensor(Nd4j.createFromArray(vals)));
        childDims.add(len);
      } else if (p < 0.7) {
        long extra = r.nextInt(3);
        long start = extra == 0 ? 0 : r.nextInt((int) extra + 1);
        long len = target + extra;
        Long s = start == 0 && r.nextBoolean() ? null : start;
        Long e = start + target == len && r.nextBoolean() ? null
            : (r.nextBoolean() ? (Long) (start + target) : (Long) (start + target - len));
        if (e != null && e == 0) {
          e = start + target;
        }
        axes.add(TensorIndex.slice(s, e));
        childDims.add(len);
      } else {
        axes.add(TensorIndex.Slice.ALL);
        childDims.add(target);
      }
      a++;
    }
    Circuit child = gen(depth - 1, Shape.of(childDims));
    return Index.of(child, TensorIndex.of(axes), null);
  }

  private Circuit generalFunction(int depth, Shape shape) {
    double p = r.nextDouble();
    if (p < 0.15) {
      SimpleFunction f = REDUCING[r.nextInt(REDUCING.length)];
      return GeneralFunction.of(f, gen(depth - 1, shape.concat(Shape.of(1 + r.nextInt(4)))),
          null);
    }
    if (p < 0.3 && shape.rank() >= 1) {
      return GeneralFunction.of(LAST_DIM[r.nextInt(LAST_DIM.length)], gen(depth - 1, shape),
          null);
    }
    if (p < 0.45) {
      SimpleFunction f = POSITIVE_ONLY[r.nextInt(POSITIVE_ONLY.length)];
      Circuit positive = GeneralFunction.of(SimpleFunction.SIGMOID, gen(depth - 1, shape), null);
      return GeneralFunction.of(f, positive, null);
    }
    SimpleFunction f = ELEMENTWISE[r.nextInt(ELEMENTWISE.length)];
    return GeneralFunction.of(f, gen(depth - 1, shape), null);
  }

  private Circuit concat(int depth, Shape shape) {
    List<Integer> candidates = new ArrayList<>();
    for (int i = 0; i < shape.rank(); i++) {
      if (shape.get(i) >= 1) {
        candidates.add(i);
      }
    }
    if (candidates.isEmpty()) {
      return gen(depth - 1, shape);
    }
    int axis = candidates.get(r.nextInt(candidates.size()));
    long remaining = shape.get(axis);
    List<Circuit> parts = new ArrayList<>();
    while (remaining > 0) {
      long part = 1 + r.nextInt((int) remaining);
      parts.add(gen(depth - 1, shape.with(axis, part)));
      remaining -= part;
    }
    return Concat.of(parts, axis, null);
  }

  private Circuit scatter(int depth, Shape shape) {
    List<TensorIndex.Axis> axes = new ArrayList<>();
    long[] childDims = new long[shape.rank()];
    for (int a = 0; a < shape.rank(); a++) {
      long l = shape.get(a);
      long len = 1 + r.nextInt((int) l);
      long start = r.nextInt((int) (l - len + 1));
      axes.add(TensorIndex.slice(start, start + len));
      childDims[a] = len;
    }
    return Scatter.of(gen(depth - 1, Shape.of(childDims)), TensorIndex.of(axes), shape, null);
  }

  private Circuit genIndex(int depth, Shape shape) {
    int k = r.nextInt(shape.rank() + 1);
    Shape idxShape = shape.slice(0, k);
    Shape rest = shape.drop(k);
    int vocab = 1 + r.nextInt(5);
    long[] idx = new long[Math.toIntExact(idxShape.numel())];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = r.nextInt(vocab);
    }
    Array index = Array.wrap(Nd4j.createFromArray(idx).reshape(idxShape.toArray()), null);
    Circuit x = gen(depth - 1, Shape.of(vocab).concat(rest));
    return GeneralFunction.of(GenIndexSpec.at(0), List.of(x, maybeName(index)), null);
  }

  private Circuit module(int depth, Shape shape) {
    symbolPool = new ArrayList<>();
    Circuit body;
    try {
      body = gen(depth - 1, shape);
    } finally {
      List<Symbol> pool = symbolPool;
      symbolPool = null;
      if (pool.isEmpty()) {
        return gen(depth - 1, shape);
      }
    }
    ModuleSpec spec = ModuleSpec.newFreeSymbols(body);
    List<Circuit> args = new ArrayList<>();
    for (var a : spec.argSpecs()) {
      args.add(gen(depth - 1, a.symbol().shape()));
    }
    return Module.of(spec, args, null);
  }
}
