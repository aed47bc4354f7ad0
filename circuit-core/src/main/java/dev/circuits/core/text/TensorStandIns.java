package dev.circuits.core.text;

import dev.circuits.core.Array;
import dev.circuits.core.Shape;
import java.util.HexFormat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Zero Arrays that take no memory and keep a printed tensor-hash prefix (parser stand-ins). */
final class TensorStandIns {
  private static final int HASH_BYTES = 32;

  private TensorStandIns() {}

  /** A stand-in of {@code shape} whose tensor hash is {@code hexPrefix} padded with zeros. */
  static Array of(Shape shape, String hexPrefix, String name) {
    String hex = hexPrefix.length() % 2 == 0 ? hexPrefix : hexPrefix + "0";
    byte[] hash = new byte[HASH_BYTES];
    byte[] prefix = HexFormat.of().parseHex(hex);
    System.arraycopy(prefix, 0, hash, 0, Math.min(prefix.length, HASH_BYTES));
    INDArray one = Nd4j.zeros(DataType.FLOAT, 1);
    long[] dims = shape.toArray();
    INDArray value = dims.length == 0 ? Nd4j.scalar(DataType.FLOAT, 0)
        : Nd4j.create(one.data(), dims, new long[dims.length], 0, 'c', DataType.FLOAT);
    return Array.wrapWithHash(value, hash, name);
  }
}
