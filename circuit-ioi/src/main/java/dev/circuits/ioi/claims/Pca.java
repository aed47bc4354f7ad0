package dev.circuits.ioi.claims;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.eigen.Eigen;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Two-dimensional principal component analysis: the rows projected on the two leading
 * eigenvectors of their covariance, and the share of the variance each explains. Example:
 * {@code Pca.of(outputs).coordinates()[i][0]} is row i's first principal coordinate.
 */
public record Pca(double[][] coordinates, double[] explained) {
  /** Projects {@code rows} ([n][d], n >= 2) on their two leading principal components. */
  public static Pca of(double[][] rows) {
    if (rows.length < 2 || rows[0].length < 2) {
      throw new IllegalArgumentException("PCA needs at least 2 rows of at least 2 values, got "
          + rows.length + " rows");
    }
    INDArray x = Nd4j.createFromArray(rows).castTo(DataType.DOUBLE);
    INDArray centred = x.subRowVector(x.mean(0));
    INDArray cov = centred.transpose().mmul(centred).div(rows.length - 1).dup('f');
    INDArray values = Eigen.symmetricGeneralizedEigenvalues(cov, true); // ascending; cov = vectors
    int d = (int) values.length();
    double total = values.sumNumber().doubleValue();
    INDArray top = Nd4j.hstack(cov.getColumn(d - 1).reshape(d, 1),
        cov.getColumn(d - 2).reshape(d, 1));
    double[][] coords = centred.mmul(top).toDoubleMatrix();
    double[] share = {values.getDouble(d - 1) / total, values.getDouble(d - 2) / total};
    return new Pca(coords, total > 0 ? share : new double[2]);
  }
}
