package dev.circuits.core;

import dev.circuits.core.internal.HashBuilder;
import java.util.HexFormat;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** A constant tensor leaf. Its value is never mutated; its tensor hash is computed on demand. */
public final class Array extends Circuit {
  private final INDArray value;
  private volatile byte[] tensorHash;

  private Array(INDArray value, byte[] tensorHash, Naming naming) {
    super(List.of(), Shape.of(value.shape()), naming, () -> null);
    this.value = value;
    this.tensorHash = tensorHash;
  }

  /** An Array holding a private copy of {@code value}. */
  public static Array of(INDArray value, String name) {
    return new Array(value.dup('c'), null, Naming.of(name));
  }

  /** An Array that takes ownership of {@code value}: the caller must never mutate it again. */
  public static Array wrap(INDArray value, String name) {
    return new Array(value, null, Naming.of(name));
  }

  /** An Array whose tensor hash is already known (e.g. loaded from a tensor store by hash). */
  public static Array wrapWithHash(INDArray value, byte[] tensorHash, String name) {
    return new Array(value, tensorHash.clone(), Naming.of(name));
  }

  /** A float32 Array with standard-normal entries from a seeded generator. */
  public static Array randn(Shape shape, long seed, String name) {
    return randn(shape, seed, DataType.FLOAT, name);
  }

  /**
   * A standard-normal Array of the given dtype from a seeded generator; a shape too large to
   * hold throws a {@link ConstructException} ({@code ARRAY_INVALID}).
   */
  public static Array randn(Shape shape, long seed, DataType dtype, String name) {
    String what = "random Array" + (name == null ? "" : " '" + name + "'");
    java.util.Random r = new java.util.Random(seed);
    INDArray v;
    if (dtype == DataType.FLOAT) {
      float[] data = new float[TensorBudget.javaArrayElements(shape, 4, 4, what)];
      for (int i = 0; i < data.length; i++) {
        data[i] = (float) r.nextGaussian();
      }
      v = Nd4j.create(data, shape.toArray(), DataType.FLOAT);
    } else {
      double[] data = new double[TensorBudget.javaArrayElements(shape, 8, 16, what)];
      for (int i = 0; i < data.length; i++) {
        data[i] = r.nextGaussian();
      }
      v = Nd4j.create(data, shape.toArray(), DataType.DOUBLE).castTo(dtype);
    }
    return wrap(v, name);
  }

  @Override
  public Kind kind() {
    return Kind.ARRAY;
  }

  /** The tensor (do not mutate). */
  public INDArray value() {
    return value;
  }

  /** The rust_circuit tensor hash of the value. */
  public byte[] tensorHash() {
    byte[] h = tensorHash;
    if (h == null) {
      h = TensorHash.hashOfImmutable(value);
      tensorHash = h;
    }
    return h.clone();
  }

  /** The tensor hash as hex. */
  public String tensorHashHex() {
    return HexFormat.of().formatHex(tensorHash());
  }

  @Override
  void hashNodeBytes(HashBuilder hb) {
    hb.bytes(tensorHash());
  }

  @Override
  Circuit rebuild(List<Circuit> newChildren, Naming naming) {
    return new Array(value, tensorHash, naming);
  }
}
