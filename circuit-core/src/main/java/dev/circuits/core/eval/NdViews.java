package dev.circuits.core.eval;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;

/** Zero-copy views built from strides (ND4J's own reshape copies silently; these never do). */
final class NdViews {
  private NdViews() {}

  /** C-order strides of a shape, in elements. */
  static long[] cStrides(long[] shape) {
    long[] s = new long[shape.length];
    long acc = 1;
    for (int i = shape.length - 1; i >= 0; i--) {
      s[i] = acc;
      acc *= shape[i];
    }
    return s;
  }

  /** Whether the elements are laid out densely in c order (size-1 dims may have any stride). */
  static boolean isCContiguous(INDArray a) {
    long[] shape = a.shape();
    long[] stride = a.stride();
    long expected = 1;
    for (int i = shape.length - 1; i >= 0; i--) {
      if (shape[i] != 1) {
        if (stride[i] != expected) {
          return false;
        }
        expected *= shape[i];
      }
    }
    return true;
  }

  /** A view over {@code a}'s memory with the given shape, strides and extra offset (elements). */
  static INDArray strided(INDArray a, long[] shape, long[] strides, long extraOffset) {
    if (shape.length == 0) {
      INDArray one = Nd4j.create(a.data(), new long[] {1}, new long[] {1},
          a.offset() + extraOffset, 'c', a.dataType());
      return one.reshape('c', true);
    }
    char order = Shape.getOrder(shape, strides, 1);
    return Nd4j.create(a.data(), shape, strides, a.offset() + extraOffset,
        order == 'f' ? 'f' : 'c', a.dataType());
  }

  /**
   * {@code a} reshaped (c order) to {@code shape} as a view, or null when that needs a copy
   * (numpy's no-copy reshape algorithm).
   */
  static INDArray reshapeView(INDArray a, long[] shape) {
    long[] oldShape = a.shape();
    if (java.util.Arrays.equals(oldShape, shape)) {
      return a;
    }
    if (a.length() == 0) {
      return null;
    }
    long[] oldStride = a.stride();
    int oldNd = 0;
    long[] od = new long[oldShape.length];
    long[] os = new long[oldShape.length];
    for (int i = 0; i < oldShape.length; i++) {
      if (oldShape[i] != 1) {
        od[oldNd] = oldShape[i];
        os[oldNd] = oldStride[i];
        oldNd++;
      }
    }
    int newNd = shape.length;
    long[] ns = new long[newNd];
    int ni = 0;
    int oi = 0;
    int nj = 1;
    int oj = 1;
    while (ni < newNd && oi < oldNd) {
      long np = shape[ni];
      long op = od[oi];
      while (np != op) {
        if (np < op) {
          np *= shape[nj++];
        } else {
          op *= od[oj++];
        }
      }
      for (int ok = oi; ok < oj - 1; ok++) {
        if (os[ok] != od[ok + 1] * os[ok + 1]) {
          return null;
        }
      }
      ns[nj - 1] = os[oj - 1];
      for (int nk = nj - 1; nk > ni; nk--) {
        ns[nk - 1] = ns[nk] * shape[nk];
      }
      ni = nj++;
      oi = oj++;
    }
    long last = ni >= 1 ? ns[ni - 1] : 1;
    for (int nk = ni; nk < newNd; nk++) {
      ns[nk] = last;
    }
    return strided(a, shape, ns, 0);
  }

  /** Whether the two arrays' data buffers overlap in memory. */
  static boolean sharesMemory(INDArray a, INDArray b) {
    if (a.isEmpty() || b.isEmpty() || a.data() == null || b.data() == null) {
      return false;
    }
    if (a.data() == b.data()) {
      return true;
    }
    long aStart = a.data().address();
    long bStart = b.data().address();
    long aEnd = aStart + a.data().length() * a.data().getElementSize();
    long bEnd = bStart + b.data().length() * b.data().getElementSize();
    return aStart < bEnd && bStart < aEnd;
  }

  /** The sub-array at position {@code i} of {@code axis} (a view without that axis). */
  static INDArray select(INDArray a, int axis, long i) {
    long[] shape = new long[a.rank() - 1];
    long[] strides = new long[a.rank() - 1];
    for (int d = 0, k = 0; d < a.rank(); d++) {
      if (d != axis) {
        shape[k] = a.size(d);
        strides[k++] = a.stride(d);
      }
    }
    return strided(a, shape, strides, i * a.stride(axis));
  }

  /** The axes of {@code a} permuted (a view); identity permutations return {@code a}. */
  static INDArray permute(INDArray a, int[] perm) {
    for (int i = 0; i < perm.length; i++) {
      if (perm[i] != i) {
        return a.permute(perm);
      }
    }
    return a;
  }
}
