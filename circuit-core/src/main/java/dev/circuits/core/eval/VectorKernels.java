package dev.circuits.core.eval;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Float32 row kernels on the JDK's Vector API, in place on rows of a Java array; its exp is
 * vectorised (ND4J's runs one element at a time, ~4x slower). Only touched when
 * {@link VectorSupport#enabled()}, since this class needs the incubator module loaded. Loops run
 * whole unmasked vectors (masked ones are not all compiled to vector code on JDK 17), then the
 * few elements of a row's tail one at a time.
 */
final class VectorKernels {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  private static final float MINUS_2_SQRT_2_OVER_PI = (float) (-2 * Math.sqrt(2 / Math.PI));
  private static final float CUBIC = 0.044715f * MINUS_2_SQRT_2_OVER_PI;

  private VectorKernels() {}

  /**
   * {@code a = gelu_new(a + bias)} on {@code rows} rows of {@code length}, computed as
   * {@code x / (1 + exp(-2 sqrt(2/pi) (x + 0.044715 x^3)))}; {@code bias} (one row) may be null.
   */
  static void geluNew(float[] a, int rows, int length, float[] bias) {
    int whole = S.loopBound(length);
    for (int r = 0; r < rows; r++) {
      int base = r * length;
      for (int i = 0; i < whole; i += L) {
        FloatVector x = FloatVector.fromArray(S, a, base + i);
        if (bias != null) {
          x = x.add(FloatVector.fromArray(S, bias, i));
        }
        FloatVector u = x.mul(x).mul(CUBIC).add(MINUS_2_SQRT_2_OVER_PI).mul(x);
        x.div(u.lanewise(VectorOperators.EXP).add(1f)).intoArray(a, base + i);
      }
      for (int i = whole; i < length; i++) {
        float x = a[base + i] + (bias == null ? 0f : bias[i]);
        a[base + i] = x / (1f + (float) Math.exp((x * x * CUBIC + MINUS_2_SQRT_2_OVER_PI) * x));
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
    for (int i = 0; i < whole; i += L) {
      max = Math.max(max, FloatVector.fromArray(S, a, base + i).reduceLanes(VectorOperators.MAX));
    }
    for (int i = whole; i < length; i++) {
      max = Math.max(max, a[base + i]);
    }
    float sum = 0;
    for (int i = 0; i < whole; i += L) {
      FloatVector e = FloatVector.fromArray(S, a, base + i).sub(max)
          .lanewise(VectorOperators.EXP);
      e.intoArray(a, base + i);
      sum += e.reduceLanes(VectorOperators.ADD);
    }
    for (int i = whole; i < length; i++) {
      a[base + i] = (float) Math.exp(a[base + i] - max);
      sum += a[base + i];
    }
    scale(a, base, length, 1f / sum);
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
      float shift = k1 * sum(a, base, d);
      for (int i = 0; i < whole; i += L) {
        FloatVector.fromArray(S, a, base + i).add(shift).intoArray(a, base + i);
      }
      for (int i = whole; i < d; i++) {
        a[base + i] += shift;
      }
      float rstd = (float) (1.0 / Math.sqrt(k2 * dot(a, base, a, base, d) + eps));
      for (int i = 0; i < whole; i += L) {
        FloatVector.fromArray(S, a, base + i).mul(rstd).mul(FloatVector.fromArray(S, w, i))
            .add(FloatVector.fromArray(S, b, i)).intoArray(a, base + i);
      }
      for (int i = whole; i < d; i++) {
        a[base + i] = a[base + i] * rstd * w[i] + b[i];
      }
    }
  }

  private static float sum(float[] a, int base, int n) {
    int whole = S.loopBound(n);
    FloatVector acc = FloatVector.zero(S);
    for (int i = 0; i < whole; i += L) {
      acc = acc.add(FloatVector.fromArray(S, a, base + i));
    }
    float s = acc.reduceLanes(VectorOperators.ADD);
    for (int i = whole; i < n; i++) {
      s += a[base + i];
    }
    return s;
  }

  private static void scale(float[] a, int base, int n, float by) {
    int whole = S.loopBound(n);
    for (int i = 0; i < whole; i += L) {
      FloatVector.fromArray(S, a, base + i).mul(by).intoArray(a, base + i);
    }
    for (int i = whole; i < n; i++) {
      a[base + i] *= by;
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
   * {@code scratch} holds s floats (one row of scores).
   */
  static void attention(Head h, float[] q, float[] k, float[] v, float[] o, int i,
      float[] scratch) {
    int t = h.t();
    int s = h.s();
    int d = h.d();
    int c = h.c();
    int kb = i * s * d;
    int vb = i * s * c;
    for (int r = 0; r < t; r++) {
      int qr = (i * t + r) * d;
      for (int j = 0; j < s; j++) {
        float score = h.alpha() * dot(q, qr, k, kb + j * d, d);
        if (h.mask() != null) {
          score *= h.mask()[r * s + j];
        }
        scratch[j] = h.bias() == null ? score : score + h.bias()[r * s + j];
      }
      softmaxRow(scratch, 0, s);
      mix(scratch, s, v, vb, c, o, (i * t + r) * c);
    }
  }

  private static float dot(float[] a, int ab, float[] b, int bb, int n) {
    int whole = S.loopBound(n);
    FloatVector acc = FloatVector.zero(S);
    for (int e = 0; e < whole; e += L) {
      acc = FloatVector.fromArray(S, a, ab + e).fma(FloatVector.fromArray(S, b, bb + e), acc);
    }
    float sum = acc.reduceLanes(VectorOperators.ADD);
    for (int e = whole; e < n; e++) {
      sum += a[ab + e] * b[bb + e];
    }
    return sum;
  }

  /** {@code o[ob, ob + c) = Σ_j p[j] v[vb + j c, ...)}: one output row. */
  private static void mix(float[] p, int s, float[] v, int vb, int c, float[] o, int ob) {
    int whole = S.loopBound(c);
    for (int e = 0; e < whole; e += L) {
      FloatVector acc = FloatVector.zero(S);
      for (int j = 0; j < s; j++) {
        acc = FloatVector.fromArray(S, v, vb + j * c + e).fma(FloatVector.broadcast(S, p[j]),
            acc);
      }
      acc.intoArray(o, ob + e);
    }
    for (int e = whole; e < c; e++) {
      float acc = 0;
      for (int j = 0; j < s; j++) {
        acc += p[j] * v[vb + j * c + e];
      }
      o[ob + e] = acc;
    }
  }
}
