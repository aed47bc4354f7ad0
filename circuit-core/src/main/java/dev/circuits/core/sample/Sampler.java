package dev.circuits.core.sample;

import dev.circuits.core.Circuit;
import dev.circuits.core.CircuitException;
import dev.circuits.core.DiscreteVar;
import dev.circuits.core.ExpandNode;
import dev.circuits.core.HashKey;
import dev.circuits.core.Index;
import dev.circuits.core.Rearrange;
import dev.circuits.core.Scalar;
import dev.circuits.core.Shape;
import dev.circuits.core.Tag;
import dev.circuits.core.spec.RearrangeSpec;
import dev.circuits.core.spec.TensorIndex;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Replaces every DiscreteVar by concrete rows of its values, so the circuit becomes explicitly
 * computable with leading sample axes. Vars sharing a {@code probsAndGroup} circuit are sampled
 * jointly (the same row index for each). Equality-breaking by design; no evaluation happens here.
 */
public final class Sampler {
  private final SampleSpec spec;

  /** A sampler following {@code spec}. */
  public Sampler(SampleSpec spec) {
    this.spec = spec;
  }

  /** Runs every row of one group (the common case: one dataset axis). */
  public static Sampler runAll(Circuit group) {
    return new Sampler(new SampleSpec.RunAll(List.of(group)));
  }

  /** {@code count} random rows per group, seeded. */
  public static Sampler random(int count, long seed) {
    return new Sampler(new SampleSpec.Random(count, seed));
  }

  /** The circuit with all DiscreteVars replaced by sampled rows (batch axes lead the shape). */
  public Circuit sample(Circuit c) {
    Map<HashKey, DiscreteVar> vars = new LinkedHashMap<>();
    for (Circuit n : c.postOrder()) {
      if (n instanceof DiscreteVar v) {
        vars.put(HashKey.of(v), v);
      }
    }
    if (vars.isEmpty()) {
      return c;
    }
    Map<HashKey, Circuit> replacements = new HashMap<>();
    if (spec instanceof SampleSpec.RunAll runAll) {
      List<HashKey> groups = runAll.groups().stream().map(HashKey::of).toList();
      long[] sizes = new long[groups.size()];
      for (int i = 0; i < groups.size(); i++) {
        sizes[i] = runAll.groups().get(i).shape().get(0);
      }
      for (DiscreteVar v : vars.values()) {
        int g = groups.indexOf(HashKey.of(v.probsAndGroup()));
        if (g < 0) {
          throw new CircuitException("DiscreteVar " + v.describe() + " belongs to a group that "
              + "is not in the run-all spec (" + groups.size() + " group(s) listed)");
        }
        replacements.put(HashKey.of(v), outerAxis(v, g, sizes));
      }
    } else {
      SampleSpec.Random random = (SampleSpec.Random) spec;
      Map<HashKey, TensorIndex> rowsByGroup = new HashMap<>();
      for (DiscreteVar v : vars.values()) {
        TensorIndex rows = rowsByGroup.computeIfAbsent(HashKey.of(v.probsAndGroup()),
            k -> TensorIndex.of(new TensorIndex.Tensor(Nd4j.createFromArray(
                drawRows(v, random)))));
        replacements.put(HashKey.of(v), Index.of(v.values(), rows, sampledName(v)));
      }
    }
    return ExpandNode.replace(c, replacements);
  }

  private static String sampledName(DiscreteVar v) {
    return v.isNamed() ? v.name() + "_sample" : null;
  }

  /** The var's values placed on batch axis {@code g} of the outer product of all groups. */
  private static Circuit outerAxis(DiscreteVar v, int g, long[] sizes) {
    Circuit values = v.values();
    if (sizes.length == 1) {
      return values.isNamed() && v.isNamed() ? values.rename(sampledName(v)) : values;
    }
    int rank = values.rank();
    int outRank = rank - 1 + sizes.length;
    int[][] in = new int[rank][];
    int[][] out = new int[outRank][];
    long[] ints = new long[rank + sizes.length - 1];
    java.util.Arrays.fill(ints, RearrangeSpec.NONE);
    for (int i = 0; i < rank; i++) {
      in[i] = new int[] {i};
    }
    int next = rank;
    for (int b = 0; b < sizes.length; b++) {
      if (b == g) {
        out[b] = new int[] {0};
      } else {
        ints[next] = sizes[b];
        out[b] = new int[] {next++};
      }
    }
    for (int i = 1; i < rank; i++) {
      out[sizes.length - 1 + i] = new int[] {i};
    }
    return Rearrange.of(values, RearrangeSpec.of(in, out, ints), sampledName(v));
  }

  private static long[] drawRows(DiscreteVar v, SampleSpec.Random spec) {
    double[] probs = uniformOrConstantProbs(v.probsAndGroup());
    long mix = java.nio.ByteBuffer.wrap(v.probsAndGroup().hash()).getLong();
    java.util.SplittableRandom r = new java.util.SplittableRandom(mix ^ spec.seed());
    double[] cumulative = new double[probs.length];
    double total = 0;
    for (int i = 0; i < probs.length; i++) {
      total += probs[i];
      cumulative[i] = total;
    }
    long[] rows = new long[spec.count()];
    for (int s = 0; s < rows.length; s++) {
      double u = r.nextDouble() * total;
      int i = 0;
      while (i < probs.length - 1 && cumulative[i] <= u) {
        i++;
      }
      rows[s] = i;
    }
    return rows;
  }

  /** Probabilities of a group circuit: a Scalar, a Tag of one, or an Array. */
  private static double[] uniformOrConstantProbs(Circuit probs) {
    Circuit c = probs;
    while (c instanceof Tag t) {
      c = t.node();
    }
    int n = Math.toIntExact(probs.shape().get(0));
    double[] out = new double[n];
    if (c instanceof Scalar s) {
      java.util.Arrays.fill(out, s.value());
      return out;
    }
    if (c instanceof dev.circuits.core.Array a) {
      double[] v = a.value().castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).toDoubleVector();
      System.arraycopy(v, 0, out, 0, n);
      return out;
    }
    throw new CircuitException("random sampling needs constant probabilities (Scalar, Array or "
        + "a Tag of one), got " + probs.describe());
  }

  /** Shapes of the sample axes this spec adds, for documentation and checks. */
  public Shape batchShape() {
    if (spec instanceof SampleSpec.RunAll runAll) {
      return Shape.of(runAll.groups().stream().mapToLong(gr -> gr.shape().get(0)).toArray());
    }
    return Shape.of(((SampleSpec.Random) spec).count());
  }

}
