package dev.circuits.scrubbing;

import dev.circuits.core.Array;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** rust_circuit's testing_utils.IntDataset: random small integers {@code xs} and {@code labels}. */
final class IntData {
  private IntData() {}

  /** {@code n} rows of {@code cols} integers in [0, maxInt) ({@code cols == 0}: xs is 1-d). */
  static Dataset ofShape(long seed, int n, int cols, ToDoubleFunction<double[]> labeler,
      int maxInt) {
    SplittableRandom r = new SplittableRandom(seed);
    int width = Math.max(cols, 1);
    double[] xs = new double[n * width];
    double[] labels = new double[n];
    for (int i = 0; i < n; i++) {
      double[] row = new double[width];
      for (int j = 0; j < width; j++) {
        row[j] = r.nextInt(maxInt);
        xs[i * width + j] = row[j];
      }
      labels[i] = labeler.applyAsDouble(row);
    }
    long[] shape = cols == 0 ? new long[] {n} : new long[] {n, cols};
    return of(Nd4j.create(xs, shape, DataType.DOUBLE), labels);
  }

  /** {@link #ofShape} with integers below 10. */
  static Dataset ofShape(long seed, int n, int cols, ToDoubleFunction<double[]> labeler) {
    return ofShape(seed, n, cols, labeler, 10);
  }

  /** A dataset of these xs and labels, printed like rust's IntDatum. */
  static Dataset of(org.nd4j.linalg.api.ndarray.INDArray xs, double[] labels) {
    return Dataset.of(Array.wrap(xs, "xs"),
            Array.wrap(Nd4j.createFromArray(labels), "labels"))
        .withFormatter(IntData::format);
  }

  /** rust's IntDataset.__str__: {@code IntDatum(xs=[0, 5], label=185)} for one row. */
  static String format(Dataset d) {
    if (d.size() != 1) {
      return "IntDataset(xs.shape=" + d.get("xs").shape() + ")";
    }
    return "IntDatum(xs=" + d.formatValue("xs", 0) + ", label=" + d.formatValue("labels", 0) + ")";
  }

  /** rust's {@code loss_fn}: mean absolute difference between outputs and the labels. */
  static double loss(Dataset ds, org.nd4j.linalg.api.ndarray.INDArray out) {
    double[] o = out.castTo(DataType.DOUBLE).reshape(-1).toDoubleVector();
    double[] l = ds.values("labels").castTo(DataType.DOUBLE).reshape(-1).toDoubleVector();
    if (o.length != l.length) {
      throw new AssertionError("output has " + o.length + " values for " + l.length + " labels");
    }
    double sum = 0;
    for (int i = 0; i < o.length; i++) {
      sum += Math.abs(o[i] - l[i]);
    }
    return sum / o.length;
  }
}
