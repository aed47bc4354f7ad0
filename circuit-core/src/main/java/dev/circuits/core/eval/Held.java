package dev.circuits.core.eval;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An intermediate inside a kernel: the array and the kernel temporary whose memory it views
 * ({@code base}), or a null base when it views one of the kernel's inputs.
 */
record Held(INDArray array, INDArray base) {
  /** A view of an input. */
  static Held input(INDArray a) {
    return new Held(a, null);
  }

  /** A fresh temporary (its own base), tracked by {@code scratch}. */
  static Held fresh(INDArray a, Scratch scratch) {
    return new Held(scratch.track(a), a);
  }

  /** Another view over the same memory. */
  Held withArray(INDArray view) {
    return new Held(view, base);
  }

  /** The kernel's result as a value: a view of {@code source}'s memory, or of our temporary. */
  Value toValue(Value source, Scratch scratch) {
    if (base == null) {
      return source.view(array);
    }
    scratch.keep(base);
    return Value.owned(base, array);
  }

  /** Moves on to {@code next}, freeing this intermediate's temporary if {@code next} does not view it. */
  Held replacedBy(Held next, Scratch scratch) {
    if (base != null && next.base != base) {
      scratch.free(base);
    }
    return next;
  }

  /** A view or c-order copy of this array with {@code shape}. */
  Held reshape(long[] shape, Scratch scratch) {
    INDArray v = NdViews.reshapeView(array, shape);
    if (v != null) {
      return withArray(v);
    }
    INDArray copy = scratch.track(BufferPool.shared().copy(array));
    return replacedBy(new Held(copy.reshape('c', true, shape), copy), scratch);
  }

  /** The axes permuted (a view). */
  Held permute(int[] perm) {
    return withArray(NdViews.permute(array, perm));
  }

  /** A dense c-order version: this one, or a copy. */
  Held contiguous(Scratch scratch) {
    if (NdViews.isCContiguous(array)) {
      return this;
    }
    INDArray copy = scratch.track(BufferPool.shared().copy(array));
    return replacedBy(new Held(copy, copy), scratch);
  }

  /** Sums over the given axes (a fresh array), or this when there are none. */
  Held sum(int[] axes, Scratch scratch) {
    if (axes.length == 0) {
      return this;
    }
    INDArray s;
    if (array.length() == 0) {
      s = Nd4j.zeros(array.dataType(), remove(array.shape(), axes));
    } else {
      s = array.sum(axes);
    }
    return replacedBy(fresh(s, scratch), scratch);
  }

  private static long[] remove(long[] shape, int[] axes) {
    long[] out = new long[shape.length - axes.length];
    int k = 0;
    for (int i = 0; i < shape.length; i++) {
      if (EinsumPlan.indexOf(axes, i) < 0) {
        out[k++] = shape[i];
      }
    }
    return out;
  }
}
