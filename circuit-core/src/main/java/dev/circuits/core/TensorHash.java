package dev.circuits.core;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.apache.commons.codec.digest.Blake3;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** rust_circuit's tensor hash: blake3 over shape, dtype tag, device and the raw element bytes. */
public final class TensorHash {
  private static final int CHUNK = 1 << 20;

  private TensorHash() {}

  /** The 7-byte dtype tag rust_circuit hashes, e.g. {@code float32} or {@code int64--}. */
  public static String dtypeTag(DataType t) {
    return switch (t) {
      case FLOAT -> "float32";
      case DOUBLE -> "float64";
      case HALF -> "float16";
      case BOOL -> "bool---";
      case BYTE -> "int8---";
      case SHORT -> "int16--";
      case INT -> "int32--";
      case LONG -> "int64--";
      case UBYTE -> "uint8--";
      default -> throw new ConstructException(ConstructException.Rule.ARRAY_INVALID,
          "dtype " + t + " has no rust_circuit tensor hash (supported: float16/32/64, bool, "
              + "int8/16/32/64, uint8)");
    };
  }

  /** The 32-byte hash of a tensor on the CPU device. */
  public static byte[] hash(INDArray array) {
    return hash(array, "cpu");
  }

  /**
   * Weakly cached by array identity: arrays wrapped as circuit leaves are never mutated, so the
   * same weights wrapped again (e.g. rebuilding a model for another sequence length) are not
   * rehashed. blake3 runs at ~150 MB/s here, i.e. ~3.5 s for GPT-2 small's weights.
   */
  private static final com.google.common.cache.Cache<INDArray, byte[]> BY_IDENTITY =
      com.google.common.cache.CacheBuilder.newBuilder().weakKeys().build();

  /** {@link #hash(INDArray)}, remembered per array object (the array must not be mutated). */
  public static byte[] hashOfImmutable(INDArray array) {
    byte[] h = BY_IDENTITY.getIfPresent(array);
    if (h == null) {
      h = hash(array);
      BY_IDENTITY.put(array, h);
    }
    return h.clone();
  }

  /**
   * The hash rust_circuit gives these values on torch device {@code device} (e.g. {@code cuda:0}):
   * the device name is part of the hash, so a tensor hashed on a GPU keeps that hash on disk.
   */
  public static byte[] hash(INDArray array, String device) {
    Blake3 h = Blake3.initHash();
    h.update(ascii("c3c5ce3e-7d06-4939-8340-2a7e6b2984b4"));
    ByteBuffer dims = ByteBuffer.allocate(8 * array.rank()).order(ByteOrder.BIG_ENDIAN);
    for (long d : array.shape()) {
      dims.putLong(d);
    }
    h.update(dims.array());
    h.update(ascii("fb782993-5fe7-43ac-acc2-d57fb429c2fc"));
    h.update(ascii(dtypeTag(array.dataType())));
    h.update(device.getBytes(StandardCharsets.UTF_8));
    h.update(ascii("9430f5c7-3c58-4339-b863-5449a4d74ee6"));
    ByteBuffer data = rawBytes(array);
    byte[] chunk = new byte[Math.min(CHUNK, Math.max(1, data.remaining()))];
    while (data.hasRemaining()) {
      int n = Math.min(chunk.length, data.remaining());
      data.get(chunk, 0, n);
      h.update(chunk, 0, n);
    }
    byte[] out = new byte[32];
    h.doFinalize(out);
    return out;
  }

  /** The C-contiguous little-endian element bytes of a tensor (a read-only view where possible). */
  public static ByteBuffer rawBytes(INDArray array) {
    if (array.length() == 0) {
      return ByteBuffer.allocate(0);
    }
    INDArray c = array.isView() || array.ordering() != 'c' || array.data().length() != array.length()
        ? array.dup('c') : array;
    ByteBuffer nio = c.data().asNio().order(ByteOrder.nativeOrder());
    int elem = c.dataType().width();
    int start = Math.toIntExact(c.offset() * elem);
    int len = Math.toIntExact(c.length() * elem);
    ByteBuffer view = nio.duplicate();
    view.position(start);
    view.limit(start + len);
    ByteBuffer slice = view.slice();
    if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
      throw new IllegalStateException("big-endian platforms are not supported");
    }
    return slice;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
