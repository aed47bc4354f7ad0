package dev.circuits.core.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Builds tensors of any dtype from raw bytes, for tests. */
final class TestTensors {
  private TestTensors() {}

  /** A C-ordered tensor whose little-endian element bytes are {@code bytes}. */
  static INDArray fromBytes(DataType type, long[] shape, byte[] bytes) {
    INDArray out = Nd4j.create(type, shape, 'c');
    if (bytes.length > 0) {
      out.data().asNio().order(ByteOrder.LITTLE_ENDIAN).put(ByteBuffer.wrap(bytes));
    }
    return out;
  }

  /** Random element bytes for {@code numel} elements of {@code type} (bools are 0 or 1). */
  static byte[] randomBytes(Random r, DataType type, long numel) {
    byte[] bytes = new byte[Math.toIntExact(numel * type.width())];
    r.nextBytes(bytes);
    if (type == DataType.BOOL) {
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] &= 1;
      }
    }
    return bytes;
  }

  /** A random shape of rank 0 to 4 with dims 0 to 4 (so some are empty). */
  static long[] randomShape(Random r) {
    long[] shape = new long[r.nextInt(5)];
    for (int i = 0; i < shape.length; i++) {
      shape[i] = r.nextInt(r.nextInt(8) == 0 ? 1 : 5);
    }
    return shape;
  }

  /** The little-endian element bytes of a tensor. */
  static byte[] bytesOf(INDArray a) {
    ByteBuffer b = dev.circuits.core.TensorHash.rawBytes(a).duplicate();
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }
}
