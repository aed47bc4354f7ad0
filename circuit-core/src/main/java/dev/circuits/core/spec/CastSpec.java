package dev.circuits.core.spec;

import dev.circuits.core.ConstructException;
import dev.circuits.core.Shape;
import dev.circuits.core.internal.HashBuilder;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A dtype cast, printed as rust_circuit does: {@code cast_from_{device:None,dtype:None}_to_{
 * device:None,dtype:int64}}. Devices are always None (CPU/ND4J backend). The hash is ours: rust's
 * hashes an internal struct, so cast nodes are not hash-compatible (documented in the README).
 */
public record CastSpec(String fromDtype, String toDtype) implements GeneralFunctionSpec {
  private static final UUID CAST_UUID = UUID.fromString("6c1d3a4e-0f0e-4f55-9d3b-4f6e2a0c7b11");
  private static final List<String> DTYPES =
      List.of("float16", "float32", "float64", "int8", "int16", "int32", "int64", "uint8", "bool");

  /** A cast to {@code toDtype} accepting any input dtype. */
  public static CastSpec to(String toDtype) {
    return new CastSpec(null, toDtype);
  }

  /** Validates the dtype names. */
  public CastSpec {
    for (String d : new String[] {fromDtype, toDtype}) {
      if (d != null && !DTYPES.contains(d)) {
        throw new ConstructException(ConstructException.Rule.GENERAL_FUNCTION_WRONG_INPUT,
            "unknown dtype '" + d + "' in cast (expected one of " + DTYPES + ")");
      }
    }
  }

  @Override
  public String fnName() {
    return "cast_from_{device:None,dtype:" + (fromDtype == null ? "None" : fromDtype)
        + "}_to_{device:None,dtype:" + (toDtype == null ? "None" : toDtype) + "}";
  }

  @Override
  public byte[] hashBytes() {
    return new HashBuilder().uuid(CAST_UUID).utf8(String.valueOf(fromDtype)).u8(0)
        .utf8(String.valueOf(toDtype)).digest();
  }

  @Override
  public ShapeInfo shapeInfo(List<Shape> shapes) {
    if (shapes.size() != 1) {
      throw new ConstructException(ConstructException.Rule.GENERAL_FUNCTION_WRONG_INPUT,
          "cast takes 1 input, got " + shapes.size());
    }
    return new ShapeInfo(shapes.get(0), 0, List.of(true));
  }

  /** The ND4J data type of a dtype name. */
  public static DataType dataType(String dtype) {
    return switch (dtype.toLowerCase(Locale.ROOT)) {
      case "float16" -> DataType.HALF;
      case "float32" -> DataType.FLOAT;
      case "float64" -> DataType.DOUBLE;
      case "int8" -> DataType.BYTE;
      case "int16" -> DataType.SHORT;
      case "int32" -> DataType.INT;
      case "int64" -> DataType.LONG;
      case "uint8" -> DataType.UBYTE;
      case "bool" -> DataType.BOOL;
      default -> throw new IllegalArgumentException("unknown dtype " + dtype);
    };
  }

  @Override
  public INDArray evaluate(List<INDArray> inputs) {
    INDArray x = inputs.get(0);
    DataType t = toDtype == null ? x.dataType() : dataType(toDtype);
    return x.dataType() == t ? x.dup() : x.castTo(t); // castTo returns x itself for the same type
  }
}
