package dev.circuits.core.eval;

import dev.circuits.core.Rearrange;
import dev.circuits.core.spec.RearrangeSpec;
import java.util.Arrays;

/**
 * Evaluates a Rearrange (einops repeat): split input axes into their ints, permute to the output
 * order, broadcast repeated ints, merge output groups. Views whenever the strides allow.
 */
final class RearrangeKernel {
  private RearrangeKernel() {}

  static Value compute(Rearrange r, Value input) {
    RearrangeSpec spec = r.conformedSpec();
    long[] sizes = spec.sizes();
    int[] inInts = flatten(spec.input());
    int[] outInts = flatten(spec.output());
    int[] present = Arrays.stream(outInts).filter(x -> contains(inInts, x)).toArray();
    try (Scratch scratch = new Scratch()) {
      Held h = Held.input(input.array()).reshape(sizesOf(inInts, sizes), scratch);
      h = h.permute(Contraction.permutation(inInts, present));
      if (present.length != outInts.length) {
        long[] withOnes = new long[outInts.length];
        for (int p = 0; p < outInts.length; p++) {
          withOnes[p] = contains(inInts, outInts[p]) ? sizes[outInts[p]] : 1;
        }
        h = h.reshape(withOnes, scratch);
        long[] full = sizesOf(outInts, sizes);
        if (!Arrays.equals(withOnes, full)) { // repeats of size 1 need no copy
          h = h.replacedBy(Held.fresh(h.array().broadcast(full), scratch), scratch);
        }
      }
      h = h.reshape(r.shape().toArray(), scratch);
      return h.toValue(input, scratch);
    }
  }

  private static int[] flatten(int[][] groups) {
    return Arrays.stream(groups).flatMapToInt(Arrays::stream).toArray();
  }

  private static boolean contains(int[] ints, int x) {
    return EinsumPlan.indexOf(ints, x) >= 0;
  }

  private static long[] sizesOf(int[] ints, long[] sizes) {
    long[] out = new long[ints.length];
    for (int i = 0; i < ints.length; i++) {
      out[i] = sizes[ints[i]];
    }
    return out;
  }
}
