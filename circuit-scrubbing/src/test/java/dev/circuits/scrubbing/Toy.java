package dev.circuits.scrubbing;

import dev.circuits.core.Array;
import dev.circuits.core.Circuit;
import dev.circuits.core.Einsum;
import dev.circuits.core.Index;
import dev.circuits.core.Scalar;
import dev.circuits.core.match.IterativeMatcher;
import dev.circuits.core.match.Matcher;
import dev.circuits.core.spec.TensorIndex;
import org.nd4j.linalg.factory.Nd4j;

/** Builders for rust's toy causal-scrubbing models ({@code C = A + B} and friends). */
final class Toy {
  static final IterativeMatcher ROOT = IterativeMatcher.corrRootMatcher();

  private Toy() {}

  /** The placeholder input {@code xs} holding {@code values} (float64). */
  static Array xs(double... values) {
    return Array.wrap(Nd4j.createFromArray(values), "xs");
  }

  /** An input named {@code name} holding {@code values}. */
  static Array input(String name, double... values) {
    return Array.wrap(Nd4j.createFromArray(values), name);
  }

  /** A rank-0 input named {@code name} (for datasets whose rows are numbers). */
  static Array scalarInput(String name) {
    return Array.wrap(Nd4j.scalar(0.0), name);
  }

  /** {@code x[i]} (rank 0). */
  static Circuit at(Circuit x, int i, String name) {
    return Index.of(x, TensorIndex.of(TensorIndex.at(i)), name);
  }

  /** {@code k * x}. */
  static Circuit times(Circuit x, double k, String name) {
    return Einsum.scalarMul(x, Scalar.of(k), name);
  }

  /** {@code matcher.chain(name)}. */
  static IterativeMatcher chain(IterativeMatcher m, String... names) {
    IterativeMatcher out = m;
    for (String n : names) {
      out = out.chain(Matcher.named(n));
    }
    return out;
  }

  /** {@code FuncSampler} on column {@code col} of xs. */
  static FuncSampler col(int col) {
    return new FuncSampler(Feature.column("xs", col));
  }

  /** {@code FuncSampler} on the labels. */
  static FuncSampler labels() {
    return new FuncSampler(Feature.array("labels"));
  }

  /** {@code FuncSampler} on {@code a * xs[:, 0] + b * xs[:, 1]}. */
  static FuncSampler lin(double a, double b) {
    return new FuncSampler(Feature.of(a + "*x0+" + b + "*x1", d -> {
      var v = d.values("xs");
      return v.getColumn(0).mul(a).add(v.getColumn(1).mul(b));
    }));
  }
}
