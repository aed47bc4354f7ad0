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
    int whole = S.loopBound(length);
    for (int r = 0; r < rows; r++) {
      int base = r * length;
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
}
