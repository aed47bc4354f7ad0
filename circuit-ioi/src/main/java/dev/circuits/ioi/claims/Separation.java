package dev.circuits.ioi.claims;

/**
 * How well two classes of vectors separate: centroids from training rows, then on held-out rows
 * the accuracy of the nearest-centroid rule and d' (distance of the class means along the centroid
 * difference in units of the pooled standard deviation). Example:
 * {@code Separation.of(dupTrain, plainTrain, dupTest, plainTest).accuracy()}.
 */
public record Separation(double accuracy, double dPrime) {
  /** Fits on {@code trainA} / {@code trainB} and scores {@code testA} / {@code testB}. */
  public static Separation of(double[][] trainA, double[][] trainB, double[][] testA,
      double[][] testB) {
    if (trainA.length == 0 || trainB.length == 0 || testA.length == 0 || testB.length == 0) {
      throw new IllegalArgumentException("separation needs rows of both classes for training and "
          + "testing, got " + trainA.length + ", " + trainB.length + ", " + testA.length + ", "
          + testB.length);
    }
    double[] ca = centroid(trainA);
    double[] cb = centroid(trainB);
    double[] w = new double[ca.length];
    double mid = 0;
    for (int i = 0; i < w.length; i++) {
      w[i] = ca[i] - cb[i];
      mid += w[i] * (ca[i] + cb[i]) / 2;
    }
    double[] pa = project(testA, w);
    double[] pb = project(testB, w);
    int right = 0;
    for (double v : pa) {
      right += v > mid ? 1 : 0;
    }
    for (double v : pb) {
      right += v <= mid ? 1 : 0;
    }
    double pooled = Math.sqrt((variance(pa) + variance(pb)) / 2);
    double gap = mean(pa) - mean(pb);
    double dPrime = pooled > 0 ? gap / pooled : gap > 0 ? Double.POSITIVE_INFINITY : 0;
    return new Separation((double) right / (pa.length + pb.length), dPrime);
  }

  private static double[] centroid(double[][] rows) {
    double[] c = new double[rows[0].length];
    for (double[] r : rows) {
      for (int i = 0; i < c.length; i++) {
        c[i] += r[i] / rows.length;
      }
    }
    return c;
  }

  private static double[] project(double[][] rows, double[] w) {
    double[] out = new double[rows.length];
    for (int r = 0; r < rows.length; r++) {
      for (int i = 0; i < w.length; i++) {
        out[r] += rows[r][i] * w[i];
      }
    }
    return out;
  }

  private static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }

  private static double variance(double[] v) {
    double m = mean(v);
    double s = 0;
    for (double x : v) {
      s += (x - m) * (x - m);
    }
    return v.length > 1 ? s / (v.length - 1) : 0;
  }
}
