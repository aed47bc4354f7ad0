package dev.circuits.core.rewrite;

import dev.circuits.core.Add;
import dev.circuits.core.Circuit;
import dev.circuits.core.Concat;
import dev.circuits.core.Einsum;
import dev.circuits.core.GeneralFunction;
import dev.circuits.core.Index;
import dev.circuits.core.Module;
import dev.circuits.core.ModuleSpec;
import dev.circuits.core.Rearrange;
import dev.circuits.core.Scalar;
import dev.circuits.core.Shape;
import dev.circuits.core.Symbol;
import dev.circuits.core.spec.RearrangeSpec;
import dev.circuits.core.spec.SimpleFunction;
import dev.circuits.core.spec.TensorIndex;
import dev.circuits.core.testing.RandomCircuits;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/** Random circuits shaped so that each simplification rule has something to rewrite. */
final class RewritePatterns {
  private RewritePatterns() {}

  static List<Circuit> of(long seed) {
    RandomCircuits rc = new RandomCircuits(seed).maxDepth(2);
    Random r = new Random(seed);
    Shape s = rc.randomShape(1, 3);
    Circuit x = rc.next(s);
    Circuit y = rc.next(s);
    int[] ax = range(s.rank());
    List<Circuit> out = new ArrayList<>();
    Scalar half = Scalar.of(0.5, s, "half");
    out.add(Add.of(x, x, y));
    out.add(Add.of(x, Scalar.of(0, s, null)));
    out.add(Add.of(x));
    out.add(Add.of());
    out.add(Add.of(x, Scalar.of(1.5), Scalar.of(2.0)));
    out.add(Add.of(x.mulScalar(2), x.mulScalar(3), Scalar.of(1.0), y));
    out.add(Add.of(half, y));
    out.add(Add.of(Add.of(x, y), y));
    out.add(Einsum.scalarMul(x, Scalar.of(0.0), null));
    out.add(Einsum.scalarMul(x, Scalar.of(1.0), null));
    out.add(Einsum.of(List.of(arg(x, ax), arg(Scalar.of(2.0), new int[0]),
        arg(Scalar.of(-3.0), new int[0])), ax, null));
    out.add(Einsum.of(List.of(arg(x, ax)), ax, null));
    out.add(Einsum.of(List.of(), new int[0], "empty"));
    out.add(Einsum.of(List.of(arg(x, ax), arg(half, ax)), ax, null));
    out.add(Einsum.of(List.of(arg(x.mul(y), ax), arg(y, ax)), ax, "nested"));
    long d = s.get(0);
    Circuit v = rc.next(Shape.of(d));
    out.add(Einsum.of(List.of(arg(Einsum.fromString("a->aa", List.of(v), "diag"), new int[] {0, 1}),
        arg(rc.next(Shape.of(d, d)), new int[] {0, 1})), new int[] {1}, null));
    if (s.rank() >= 2) {
      int[] perm = permutation(r, s.rank());
      Rearrange permuted = Rearrange.of(x, permuteSpec(perm), "perm");
      out.add(Einsum.of(List.of(arg(x, ax)), perm, "transpose"));
      out.add(Einsum.of(List.of(arg(permuted, ax), arg(rc.next(permuted.shape()), ax)), ax,
          null));
      out.add(Rearrange.of(x.mul(y), permuteSpec(perm), "of_einsum"));
      long first = s.get(0) * s.get(1);
      String c = s.rank() == 3 ? " c" : "";
      Rearrange merged = Rearrange.of(x, RearrangeSpec.parse("a b" + c + " -> (a b)" + c),
          "merged");
      out.add(Rearrange.of(merged, RearrangeSpec.parse("(a:" + s.get(0) + " b)" + c + " -> b a"
          + c), "split"));
      out.add(Index.of(merged, TensorIndex.of(TensorIndex.slice(0L, first)), null));
    }
    out.add(Rearrange.of(x, RearrangeSpec.ident(s.rank()), "ident"));
    out.add(Rearrange.of(Scalar.of(2.5, Shape.of(s.get(0)), null), RearrangeSpec.parse("a -> a 3"),
        null));
    out.add(Index.of(x, TensorIndex.of(TensorIndex.Slice.ALL), null));
    Index first = Index.of(x, RewritePropertyTest.RandomIndex.of(r, s), null);
    out.add(Index.of(first, RewritePropertyTest.RandomIndex.of(r, first.shape()), null));
    out.add(Index.of(Scalar.of(1.25, s, null), TensorIndex.of(TensorIndex.at(0)), null));
    Circuit positive = GeneralFunction.of(SimpleFunction.SIGMOID, x, null);
    out.add(GeneralFunction.of(SimpleFunction.RECIPROCAL,
        GeneralFunction.of(SimpleFunction.RECIPROCAL, positive, null), null));
    out.add(GeneralFunction.of(SimpleFunction.SOFTMAX, Scalar.of(0.3, s, null), null));
    out.add(GeneralFunction.of(SimpleFunction.LOG_SOFTMAX, Scalar.of(0.3, s, null), null));
    out.add(GeneralFunction.of(SimpleFunction.LAST_DIM_SIZE, x, null));
    out.add(GeneralFunction.of(SimpleFunction.TANH, Scalar.of(0.7), null));
    out.add(Concat.of(List.of(x), 0, null));
    out.add(Concat.of(List.of(Scalar.of(2.0, s, null), Scalar.of(2.0, s, null)), 0, null));
    out.add(Concat.of(List.of(x, Index.of(y, TensorIndex.of(TensorIndex.slice(0L, 0L)), null)),
        0, null));
    out.add(Concat.of(List.of(Concat.of(List.of(x, y), 0, null), y), 0, "fused"));
    out.add(Concat.of(List.of(x, x, y), s.rank() - 1, null));
    Symbol sym = Symbol.of(s, new UUID(seed, 7), "sym");
    out.add(Module.of(ModuleSpec.of(sym, sym), List.of(x), "empty_module"));
    out.add(Module.of(ModuleSpec.of(y, List.of(), true, false), List.of(), "no_input"));
    return out;
  }

  private static Einsum.Arg arg(Circuit c, int[] axes) {
    return new Einsum.Arg(c, axes);
  }

  private static int[] range(int n) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    return a;
  }

  private static int[] permutation(Random r, int n) {
    List<Integer> p = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      p.add(i);
    }
    Collections.shuffle(p, r);
    return p.stream().mapToInt(Integer::intValue).toArray();
  }

  private static RearrangeSpec permuteSpec(int[] perm) {
    int[][] in = new int[perm.length][];
    int[][] out = new int[perm.length][];
    for (int i = 0; i < perm.length; i++) {
      in[i] = new int[] {i};
      out[i] = new int[] {perm[i]};
    }
    long[] sizes = new long[perm.length];
    java.util.Arrays.fill(sizes, RearrangeSpec.NONE);
    return RearrangeSpec.of(in, out, sizes);
  }
}
