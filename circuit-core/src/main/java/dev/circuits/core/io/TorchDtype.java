package dev.circuits.core.io;

import java.util.Optional;
import org.nd4j.linalg.api.buffer.DataType;

/** The torch storage types a plain tensor's pickle names, with their ND4J types. */
enum TorchDtype {
  FLOAT("FloatStorage", DataType.FLOAT, 4),
  DOUBLE("DoubleStorage", DataType.DOUBLE, 8),
  HALF("HalfStorage", DataType.HALF, 2),
  LONG("LongStorage", DataType.LONG, 8),
  INT("IntStorage", DataType.INT, 4),
  SHORT("ShortStorage", DataType.SHORT, 2),
  CHAR("CharStorage", DataType.BYTE, 1),
  BYTE("ByteStorage", DataType.UBYTE, 1),
  BOOL("BoolStorage", DataType.BOOL, 1);

  private final String storageName;
  private final DataType nd4j;
  private final int itemSize;

  TorchDtype(String storageName, DataType nd4j, int itemSize) {
    this.storageName = storageName;
    this.nd4j = nd4j;
    this.itemSize = itemSize;
  }

  /** The class name in module {@code torch}, e.g. {@code FloatStorage}. */
  String storageName() {
    return storageName;
  }

  DataType nd4j() {
    return nd4j;
  }

  int itemSize() {
    return itemSize;
  }

  /** The type whose storage class is {@code torch.<name>}. */
  static Optional<TorchDtype> ofStorage(String name) {
    for (TorchDtype t : values()) {
      if (t.storageName.equals(name)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  /** The type storing ND4J type {@code type}. */
  static Optional<TorchDtype> of(DataType type) {
    for (TorchDtype t : values()) {
      if (t.nd4j == type) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
