package dev.circuits.core.eval;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Float32 row kernels on the JDK's Vector API, in place on rows of a Java array; its exp is
 * vectorised (ND4J's runs one element at a time, ~4x slower). Only touched when
 * {@link VectorSupport#enabled()}, since this class needs the incubator module loaded. Each loop
 * runs whole vectors, then one masked vector for a row's tail.
 */
final class VectorKernels {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final float MINUS_2_SQRT_2_OVER_PI = (float) (-2 * Math.sqrt(2 / Math.PI));

  private VectorKernels() {}

  /**
   * {@code a = gelu_new(a + bias)} on {@code rows} rows of {@code length}, computed as
   * {@code x / (1 + exp(-2 sqrt(2/pi) (x + 0.044715 x^3)))}; {@code bias} (one row) may be null.
   */
  static void geluNew(float[] a, int rows, int length, float[] bias) {
    int whole = S.loopBound(length);
    for (int r = 0; r < rows; r++) {
      int base = r * length;
      for (int i = 0; i < length; i += S.length()) {
        VectorMask<Float> m = i < whole ? S.maskAll(true) : S.indexInRange(i, length);
        FloatVector x = FloatVector.fromArray(S, a, base + i, m);
        if (bias != null) {
          x = x.add(FloatVector.fromArray(S, bias, i, m));
        }
        FloatVector u = x.mul(x).mul(0.044715f * MINUS_2_SQRT_2_OVER_PI)
            .add(MINUS_2_SQRT_2_OVER_PI).mul(x);
        x.div(u.lanewise(VectorOperators.EXP).add(1f)).intoArray(a, base + i, m);
      }
    }
  }

  /** Softmax of each of {@code rows} rows of {@code length}, shifted by the row maximum. */
  static void softmax(float[] a, int rows, int length) {
    for (int r = 0; r < rows; r++) {
      softmaxRow(a, r * length, length);
    }
  }

  /** Softmax of {@code a[base, base + length)} in place. */
  private static void softmaxRow(float[] a, int base, int length) {
    int whole = S.loopBound(length);
    float max = Float.NEGATIVE_INFINITY;
    for (int i = 0; i < length; i += S.length()) {
      VectorMask<Float> m = i < whole ? S.maskAll(true) : S.indexInRange(i, length);
      max = Math.max(max, FloatVector.fromArray(S, a, base + i, m)
          .reduceLanes(VectorOperators.MAX, m));
    }
    float sum = 0;
    for (int i = 0; i < length; i += S.length()) {
      VectorMask<Float> m = i < whole ? S.maskAll(true) : S.indexInRange(i, length);
      FloatVector e = FloatVector.fromArray(S, a, base + i, m).sub(max)
          .lanewise(VectorOperators.EXP);
      e.intoArray(a, base + i, m);
      sum += e.reduceLanes(VectorOperators.ADD, m);
    }
    float inv = 1f / sum;
    for (int i = 0; i < length; i += S.length()) {
      VectorMask<Float> m = i < whole ? S.maskAll(true) : S.indexInRange(i, length);
      FloatVector.fromArray(S, a, base + i, m).mul(inv).intoArray(a, base + i, m);
    }
  }

  /**
   * Layer norm of each of {@code rows} rows of {@code d}:
   * {@code c = a + k1 Σa}, {@code a = c (k2 Σc² + eps)^-1/2 w + b}.
   */
  static void layerNorm(float[] a, int rows, int d, float k1, float k2, float eps, float[] w,
      float[] b) {
    int whole = S.loopBound(d);
    for (int r = 0; r < rows; r++) {
      int base = r * d;
      FloatVector acc = FloatVector.zero(S);
      for (int i = 0; i < d; i += S.length()) {
        VectorMask<Float> m = i < whole ? S.maskAll(true) : S.indexInRange(i, d);
        acc = acc.add(FloatVector.fromArray(S, a, base + i, m), m);
      }
      float shift = k1 * acc.reduceLanes(VectorOperators.ADD);
      acc = FloatVector.zero(S);
      for (int i = 0; i < d; i += S.length()) {
        VectorMask<Float> m = i < whole ? S.maskAll(true) : S.indexInRange(i, d);
        FloatVector c = FloatVector.fromArray(S, a, base + i, m).add(shift);
        c.intoArray(a, base + i, m);
        acc = acc.add(c.mul(c), m);
      }
      float rstd = (float) (1.0 / Math.sqrt(k2 * acc.reduceLanes(VectorOperators.ADD) + eps));
      for (int i = 0; i < d; i += S.length()) {
        VectorMask<Float> m = i < whole ? S.maskAll(true) : S.indexInRange(i, d);
        FloatVector.fromArray(S, a, base + i, m).mul(rstd)
            .mul(FloatVector.fromArray(S, w, i, m)).add(FloatVector.fromArray(S, b, i, m))
            .intoArray(a, base + i, m);
      }
    }
  }

  /**
   * The shapes of one attention head: t queries and s keys of width d, values of width c; the
   * score scale and the optional [t, s] multiplicative mask and additive bias (row major).
   */
  record Head(int t, int s, int d, int c, float alpha, float[] mask, float[] bias) {}

  /**
   * Head {@code i} of the chunk arrays {@code q} ([t, d] per head), {@code k} ([s, d]) and
   * {@code v} ([s, c]): {@code o = softmax(alpha q kᵀ ∘ mask + bias) v} into {@code o} ([t, c]).
   * {@code scratch} holds d·s + s floats (kᵀ and one row of scores).
   */
  static void attention(Head h, float[] q, float[] k, float[] v, float[] o, int i,
      float[] scratch) {
    int t = h.t();
    int s = h.s();
    int d = h.d();
    int c = h.c();
    int qb = i * t * d;
    int kb = i * s * d;
    int vb = i * s * c;
    int ob = i * t * c;
    int row = d * s;
    for (int j = 0; j < s; j++) {
      for (int e = 0; e < d; e++) {
        scratch[e * s + j] = k[kb + j * d + e];
      }
    }
    int wholeS = S.loopBound(s);
    int wholeC = S.loopBound(c);
    for (int r = 0; r < t; r++) {
      for (int j = 0; j < s; j += S.length()) {
        VectorMask<Float> m = j < wholeS ? S.maskAll(true) : S.indexInRange(j, s);
        FloatVector acc = FloatVector.zero(S);
        for (int e = 0; e < d; e++) {
          acc = FloatVector.fromArray(S, scratch, e * s + j, m)
              .fma(FloatVector.broadcast(S, q[qb + r * d + e]), acc);
        }
        acc = acc.mul(h.alpha());
        if (h.mask() != null) {
          acc = acc.mul(FloatVector.fromArray(S, h.mask(), r * s + j, m));
        }
        if (h.bias() != null) {
          acc = acc.add(FloatVector.fromArray(S, h.bias(), r * s + j, m));
        }
        acc.intoArray(scratch, row + j, m);
      }
      softmaxRow(scratch, row, s);
      for (int j = 0; j < c; j += S.length()) {
        VectorMask<Float> m = j < wholeC ? S.maskAll(true) : S.indexInRange(j, c);
        FloatVector acc = FloatVector.zero(S);
        for (int e = 0; e < s; e++) {
          acc = FloatVector.fromArray(S, v, vb + e * c + j, m)
              .fma(FloatVector.broadcast(S, scratch[row + e]), acc);
        }
        acc.intoArray(o, ob + r * c + j, m);
      }
    }
  }
}
