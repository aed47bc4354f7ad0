package dev.circuits.core.io;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;
import org.nd4j.linalg.api.buffer.DataType;

/** The safetensors element types this library reads and writes, with their ND4J counterparts. */
public enum SafetensorsDtype {
  F64(8, DataType.DOUBLE),
  F32(4, DataType.FLOAT),
  F16(2, DataType.FLOAT16),
  BF16(2, DataType.BFLOAT16),
  I64(8, DataType.INT64),
  I32(4, DataType.INT32),
  I16(2, DataType.INT16),
  I8(1, DataType.INT8),
  U64(8, DataType.UINT64),
  U32(4, DataType.UINT32),
  U16(2, DataType.UINT16),
  U8(1, DataType.UINT8),
  BOOL(1, DataType.BOOL);

  private final int itemSize;
  private final DataType nd4j;

  SafetensorsDtype(int itemSize, DataType nd4j) {
    this.itemSize = itemSize;
    this.nd4j = nd4j;
  }

  /** Bytes per element. */
  public int itemSize() {
    return itemSize;
  }

  /** The ND4J type holding exactly these elements (F16 is FLOAT16, BF16 is BFLOAT16). */
  public DataType nd4jType() {
    return nd4j;
  }

  /** The ND4J type {@link SafetensorsFile#read} returns: float32 for F16/BF16, else exact. */
  public DataType readType() {
    return this == F16 || this == BF16 ? DataType.FLOAT : nd4j;
  }

  /** The dtype named {@code name} in a header (e.g. {@code "F32"}), if supported. */
  public static Optional<SafetensorsDtype> fromName(String name) {
    for (SafetensorsDtype d : values()) {
      if (d.name().equals(name)) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }

  /** The safetensors dtype storing ND4J type {@code type}, if there is one. */
  public static Optional<SafetensorsDtype> of(DataType type) {
    for (SafetensorsDtype d : values()) {
      if (d.nd4j == type) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }

  /** The supported names, comma-separated, for error messages. */
  static String supportedNames() {
    return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
  }
}
