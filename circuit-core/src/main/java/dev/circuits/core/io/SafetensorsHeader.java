package dev.circuits.core.io;

import dev.circuits.core.Shape;
import dev.circuits.core.internal.Json;
import dev.circuits.core.io.SafetensorsException.Problem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A parsed, validated safetensors header: the tensor entries, the metadata and the data section. */
final class SafetensorsHeader {
  /** Largest header accepted, as in the reference implementation. */
  static final long MAX_HEADER_BYTES = 100_000_000L;
  static final String METADATA_KEY = "__metadata__";

  private final Map<String, TensorInfo> tensors;
  private final Map<String, String> metadata;
  private final long dataStart;

  private SafetensorsHeader(Map<String, TensorInfo> tensors, Map<String, String> metadata,
      long dataStart) {
    this.tensors = tensors;
    this.metadata = metadata;
    this.dataStart = dataStart;
  }

  /** Tensor entries by name, in header order. */
  Map<String, TensorInfo> tensors() {
    return tensors;
  }

  /** The {@code __metadata__} map (empty when absent). */
  Map<String, String> metadata() {
    return metadata;
  }

  /** The file offset of the data section. */
  long dataStart() {
    return dataStart;
  }

  /** Reads and validates the header of {@code file}, open as {@code channel}. */
  static SafetensorsHeader read(FileChannel channel, Path file) throws IOException {
    long size = channel.size();
    if (size < 8) {
      throw new SafetensorsException(Problem.TRUNCATED, file, "file is " + size
          + " bytes long, expected at least the 8-byte little-endian header length");
    }
    ByteBuffer prefix = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    readFully(channel, prefix, 0);
    long n = prefix.getLong(0);
    if (n < 0 || n > MAX_HEADER_BYTES) {
      throw new SafetensorsException(Problem.HEADER_TOO_LARGE, file, "header length "
          + Long.toUnsignedString(n) + " is above the limit of " + MAX_HEADER_BYTES + " bytes");
    }
    if (n > size - 8) {
      throw new SafetensorsException(Problem.HEADER_TOO_LARGE, file, "header length " + n
          + " is beyond the end of the file (" + (size - 8) + " bytes follow the length prefix)");
    }
    ByteBuffer headerBytes = channel.map(FileChannel.MapMode.READ_ONLY, 8, n);
    String text = decodeUtf8(headerBytes, file);
    long dataStart = 8 + n;
    return parse(text, file, size - dataStart, dataStart);
  }

  /** Parses and validates header JSON {@code text} against a data section of {@code dataLength}. */
  static SafetensorsHeader parse(String text, Path file, long dataLength, long dataStart) {
    Object root;
    try {
      root = Json.parse(text);
    } catch (JsonException e) {
      Problem p = e.reason() == JsonException.Reason.DUPLICATE_KEY ? Problem.DUPLICATE_NAME
          : Problem.BAD_HEADER;
      throw new SafetensorsException(p, file, "header is not valid JSON: " + e.getMessage(), e);
    }
    if (!(root instanceof Map)) {
      throw new SafetensorsException(Problem.BAD_HEADER, file,
          "header is not a JSON object (found " + describe(root) + ")");
    }
    Map<String, TensorInfo> tensors = new LinkedHashMap<>();
    Map<String, String> metadata = Map.of();
    for (Map.Entry<?, ?> e : ((Map<?, ?>) root).entrySet()) {
      String name = (String) e.getKey();
      if (METADATA_KEY.equals(name)) {
        metadata = parseMetadata(e.getValue(), file);
      } else {
        tensors.put(name, parseEntry(name, e.getValue(), file, dataLength));
      }
    }
    checkCoverage(tensors, file, dataLength);
    return new SafetensorsHeader(Collections.unmodifiableMap(tensors), metadata, dataStart);
  }

  private static Map<String, String> parseMetadata(Object value, Path file) {
    if (value == Json.NULL) {
      return Map.of();
    }
    if (!(value instanceof Map)) {
      throw new SafetensorsException(Problem.BAD_HEADER, file, "\"" + METADATA_KEY
          + "\" must be an object of strings, found " + describe(value));
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
      if (!(e.getValue() instanceof String)) {
        throw new SafetensorsException(Problem.BAD_HEADER, file, "\"" + METADATA_KEY + "\" entry \""
            + e.getKey() + "\" must be a string, found " + describe(e.getValue()));
      }
      out.put((String) e.getKey(), (String) e.getValue());
    }
    return Collections.unmodifiableMap(out);
  }

  private static TensorInfo parseEntry(String name, Object value, Path file, long dataLength) {
    if (!(value instanceof Map)) {
      throw bad(file, name, "entry must be an object with dtype, shape and data_offsets, found "
          + describe(value));
    }
    Map<?, ?> entry = (Map<?, ?>) value;
    Object dtypeValue = required(entry, "dtype", file, name);
    if (!(dtypeValue instanceof String)) {
      throw bad(file, name, "\"dtype\" must be a string, found " + describe(dtypeValue));
    }
    SafetensorsDtype dtype = SafetensorsDtype.fromName((String) dtypeValue).orElseThrow(
        () -> new SafetensorsException(Problem.UNKNOWN_DTYPE, file, "tensor '" + name
            + "': unknown dtype \"" + dtypeValue + "\", expected one of "
            + SafetensorsDtype.supportedNames()));
    long[] dims = longs(required(entry, "shape", file, name), "shape", -1, file, name);
    long[] offsets = longs(required(entry, "data_offsets", file, name), "data_offsets", 2, file, name);
    long begin = offsets[0];
    long end = offsets[1];
    if (end < begin) {
      throw new SafetensorsException(Problem.OUT_OF_BOUNDS, file, "tensor '" + name
          + "': data_offsets [" + begin + ", " + end + "] end before they begin");
    }
    Shape shape = Shape.of(dims);
    long expected;
    try {
      expected = Math.multiplyExact(shape.numel(), dtype.itemSize());
    } catch (ArithmeticException ex) {
      throw new SafetensorsException(Problem.SHAPE_MISMATCH, file, "tensor '" + name + "': shape "
          + shape + " has more elements than fit in 64 bits");
    }
    if (end - begin != expected) {
      throw new SafetensorsException(Problem.SHAPE_MISMATCH, file, "tensor '" + name + "': shape "
          + shape + " of " + dtype + " needs " + expected + " bytes but data_offsets [" + begin
          + ", " + end + "] span " + (end - begin));
    }
    if (end > dataLength) {
      throw new SafetensorsException(Problem.OUT_OF_BOUNDS, file, "tensor '" + name
          + "': data_offsets [" + begin + ", " + end + "] exceed the data section of "
          + dataLength + " bytes");
    }
    return new TensorInfo(name, dtype, shape, begin, end);
  }

  private static void checkCoverage(Map<String, TensorInfo> tensors, Path file, long dataLength) {
    List<TensorInfo> byOffset = new ArrayList<>(tensors.values());
    byOffset.sort(Comparator.comparingLong(TensorInfo::begin).thenComparingLong(TensorInfo::end));
    long covered = 0;
    TensorInfo previous = null;
    for (TensorInfo t : byOffset) {
      if (t.begin() < covered) {
        throw new SafetensorsException(Problem.OVERLAP, file, "tensor '" + t.name()
            + "': data_offsets [" + t.begin() + ", " + t.end() + "] overlap tensor '"
            + previous.name() + "' at [" + previous.begin() + ", " + previous.end() + "]");
      }
      if (t.begin() > covered) {
        throw new SafetensorsException(Problem.UNCOVERED_BYTES, file, "bytes [" + covered + ", "
            + t.begin() + ") of the data section belong to no tensor (a hole before tensor '"
            + t.name() + "')");
      }
      covered = t.end();
      previous = t;
    }
    if (covered != dataLength) {
      throw new SafetensorsException(Problem.UNCOVERED_BYTES, file, (dataLength - covered)
          + " trailing bytes: the data section has " + dataLength + " bytes but the tensors cover "
          + covered);
    }
  }

  private static Object required(Map<?, ?> entry, String key, Path file, String name) {
    Object v = entry.get(key);
    if (v == null) {
      throw bad(file, name, "missing \"" + key + "\"");
    }
    return v;
  }

  private static long[] longs(Object value, String key, int length, Path file, String name) {
    if (!(value instanceof List)) {
      throw bad(file, name, "\"" + key + "\" must be an array of integers, found " + describe(value));
    }
    List<?> list = (List<?>) value;
    if (length >= 0 && list.size() != length) {
      throw bad(file, name, "\"" + key + "\" must have " + length + " entries, found " + list.size());
    }
    long[] out = new long[list.size()];
    for (int i = 0; i < out.length; i++) {
      Object v = list.get(i);
      if (!(v instanceof Long) || (Long) v < 0) {
        throw bad(file, name, "\"" + key + "\" must hold non-negative integers, found "
            + describe(v) + " at index " + i);
      }
      out[i] = (Long) v;
    }
    return out;
  }

  private static SafetensorsException bad(Path file, String name, String message) {
    return new SafetensorsException(Problem.BAD_HEADER, file, "tensor '" + name + "': " + message);
  }

  private static String describe(Object v) {
    if (v instanceof Map) {
      return "an object";
    }
    if (v instanceof List) {
      return "an array";
    }
    if (v instanceof String) {
      return "the string \"" + v + "\"";
    }
    return String.valueOf(v);
  }

  private static String decodeUtf8(ByteBuffer bytes, Path file) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(bytes).toString();
    } catch (CharacterCodingException e) {
      throw new SafetensorsException(Problem.BAD_HEADER, file, "header is not valid UTF-8", e);
    }
  }

  private static void readFully(FileChannel channel, ByteBuffer buf, long position)
      throws IOException {
    long at = position;
    while (buf.hasRemaining()) {
      int n = channel.read(buf, at);
      if (n < 0) {
        throw new IOException("unexpected end of file at byte " + at);
      }
      at += n;
    }
  }
}
