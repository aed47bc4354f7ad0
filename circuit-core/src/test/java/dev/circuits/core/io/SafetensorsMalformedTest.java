package dev.circuits.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.circuits.core.CircuitException;
import dev.circuits.core.io.SafetensorsException.Problem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Malformed files built byte by byte; each must fail with a typed, precise error. */
class SafetensorsMalformedTest {
  @TempDir
  Path tmp;

  /** The 8-byte little-endian length {@code n}, then {@code rest}. */
  private static byte[] withLength(long n, byte[] rest) {
    return ByteBuffer.allocate(8 + rest.length).order(ByteOrder.LITTLE_ENDIAN)
        .putLong(n).put(rest).array();
  }

  /** A file with header {@code json} (single quotes stand for double quotes) and data bytes. */
  private static byte[] file(String json, int dataBytes) {
    byte[] header = json.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
    byte[] rest = new byte[header.length + dataBytes];
    System.arraycopy(header, 0, rest, 0, header.length);
    return withLength(header.length, rest);
  }

  private SafetensorsException openFails(byte[] content, Problem problem, String... fragments)
      throws IOException {
    Path p = tmp.resolve("bad.safetensors");
    Files.write(p, content);
    SafetensorsException e = assertThrows(SafetensorsException.class, () -> Safetensors.open(p));
    assertEquals(problem, e.problem(), e.getMessage());
    assertEquals(p, e.file());
    assertTrue(e.getMessage().startsWith(p + ": "), e.getMessage());
    for (String f : fragments) {
      assertTrue(e.getMessage().contains(f), "'" + f + "' missing from: " + e.getMessage());
    }
    return e;
  }

  @ParameterizedTest
  @CsvSource({"0", "1", "7"})
  void fileShorterThanLengthPrefix(int size) throws IOException {
    openFails(new byte[size], Problem.TRUNCATED, "file is " + size + " bytes long");
  }

  @Test
  void truncatedHeader() throws IOException {
    byte[] full = file("{'a':{'dtype':'F32','shape':[1],'data_offsets':[0,4]}}", 4);
    byte[] cut = java.util.Arrays.copyOf(full, 20);
    openFails(cut, Problem.HEADER_TOO_LARGE, "header length 54 is beyond the end of the file",
        "12 bytes follow");
  }

  @Test
  void headerLengthAboveLimit() throws IOException {
    openFails(withLength(100_000_001L, "{}".getBytes(StandardCharsets.US_ASCII)),
        Problem.HEADER_TOO_LARGE, "100000001", "limit of 100000000");
  }

  @Test
  void headerLengthWithHighBitSet() throws IOException {
    openFails(withLength(-2L, new byte[8]), Problem.HEADER_TOO_LARGE, "18446744073709551614");
  }

  @Test
  void headerNotJson() throws IOException {
    openFails(file("{'a':", 0), Problem.BAD_HEADER, "not valid JSON", "unexpected end of input");
  }

  @Test
  void headerNotAnObject() throws IOException {
    openFails(file("[1,2]", 0), Problem.BAD_HEADER, "not a JSON object", "an array");
  }

  @Test
  void headerNotUtf8() throws IOException {
    openFails(withLength(4, new byte[] {'{', (byte) 0xff, (byte) 0xfe, '}'}), Problem.BAD_HEADER,
        "not valid UTF-8");
  }

  @Test
  void unknownDtype() throws IOException {
    openFails(file("{'w':{'dtype':'F8_E4M3','shape':[4],'data_offsets':[0,4]}}", 4),
        Problem.UNKNOWN_DTYPE, "tensor 'w'", "unknown dtype \"F8_E4M3\"", "F32", "BF16", "BOOL");
  }

  @Test
  void overlappingTensors() throws IOException {
    openFails(file("{'a':{'dtype':'F32','shape':[2],'data_offsets':[0,8]},"
        + "'b':{'dtype':'F32','shape':[2],'data_offsets':[4,12]}}", 12),
        Problem.OVERLAP, "tensor 'b'", "[4, 12]", "overlap tensor 'a'", "[0, 8]");
  }

  @Test
  void offsetsOutOfBounds() throws IOException {
    openFails(file("{'a':{'dtype':'F32','shape':[2],'data_offsets':[0,8]}}", 4),
        Problem.OUT_OF_BOUNDS, "tensor 'a'", "[0, 8]", "data section of 4 bytes");
  }

  @Test
  void offsetsReversed() throws IOException {
    openFails(file("{'a':{'dtype':'F32','shape':[0],'data_offsets':[8,4]}}", 8),
        Problem.OUT_OF_BOUNDS, "tensor 'a'", "end before they begin");
  }

  @Test
  void shapeDisagreesWithOffsets() throws IOException {
    openFails(file("{'a':{'dtype':'F32','shape':[3],'data_offsets':[0,8]}}", 8),
        Problem.SHAPE_MISMATCH, "tensor 'a'", "shape [3] of F32 needs 12 bytes", "span 8");
  }

  @Test
  void shapeOverflow() throws IOException {
    openFails(file("{'a':{'dtype':'F64','shape':[4294967296,4294967296],'data_offsets':[0,8]}}", 8),
        Problem.SHAPE_MISMATCH, "tensor 'a'", "64 bits");
  }

  @Test
  void holeBetweenTensors() throws IOException {
    openFails(file("{'a':{'dtype':'F32','shape':[1],'data_offsets':[0,4]},"
        + "'b':{'dtype':'F32','shape':[1],'data_offsets':[8,12]}}", 12),
        Problem.UNCOVERED_BYTES, "bytes [4, 8)", "hole before tensor 'b'");
  }

  @Test
  void trailingBytes() throws IOException {
    openFails(file("{'a':{'dtype':'F32','shape':[1],'data_offsets':[0,4]}}", 6),
        Problem.UNCOVERED_BYTES, "2 trailing bytes", "has 6 bytes", "cover 4");
  }

  @Test
  void duplicateNames() throws IOException {
    openFails(file("{'a':{'dtype':'U8','shape':[1],'data_offsets':[0,1]},"
        + "'a':{'dtype':'U8','shape':[1],'data_offsets':[1,2]}}", 2),
        Problem.DUPLICATE_NAME, "duplicate key \"a\"");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{'a':[1]}                                                   | entry must be an object",
      "{'a':{'dtype':'F32','data_offsets':[0,0]}}                  | missing \"shape\"",
      "{'a':{'dtype':'F32','shape':[0]}}                           | missing \"data_offsets\"",
      "{'a':{'shape':[0],'data_offsets':[0,0]}}                    | missing \"dtype\"",
      "{'a':{'dtype':5,'shape':[0],'data_offsets':[0,0]}}          | \"dtype\" must be a string",
      "{'a':{'dtype':'F32','shape':[-1],'data_offsets':[0,0]}}     | non-negative integers",
      "{'a':{'dtype':'F32','shape':'2','data_offsets':[0,0]}}      | must be an array of integers",
      "{'a':{'dtype':'F32','shape':[0],'data_offsets':[0]}}        | must have 2 entries",
  })
  void malformedEntries(String json, String fragment) throws IOException {
    openFails(file(json, 0), Problem.BAD_HEADER, "tensor 'a'", fragment);
  }

  @Test
  void metadataMustBeStrings() throws IOException {
    openFails(file("{'__metadata__':{'k':1}}", 0), Problem.BAD_HEADER, "\"k\" must be a string");
    openFails(file("{'__metadata__':[]}", 0), Problem.BAD_HEADER, "must be an object of strings");
  }

  @Test
  void acceptsValidEdgeCases() throws IOException {
    Path p = tmp.resolve("ok.safetensors");
    Files.write(p, file("{'__metadata__':null,'e':{'dtype':'F32','shape':[0,5],'data_offsets':[0,0]},"
        + "'s':{'dtype':'I64','shape':[],'data_offsets':[0,8]},'x':{'dtype':'F32','shape':[2],"
        + "'data_offsets':[8,16],'extra':'ignored'}}", 16));
    try (SafetensorsFile f = Safetensors.open(p)) {
      assertEquals(java.util.List.of("e", "s", "x"), f.names());
      assertEquals(0, f.read("e").length());
      assertEquals(0, f.read("s").rank());
      assertEquals(java.util.Map.of(), f.metadata());
    }
  }

  @Test
  void unknownTensorNameIsReported() throws IOException {
    Path p = tmp.resolve("ok.safetensors");
    Files.write(p, file("{'x':{'dtype':'U8','shape':[1],'data_offsets':[0,1]}}", 1));
    try (SafetensorsFile f = Safetensors.open(p)) {
      SafetensorsException e = assertThrows(SafetensorsException.class, () -> f.read("y"));
      assertEquals(Problem.NO_SUCH_TENSOR, e.problem());
      assertTrue(e.getMessage().contains("no tensor named 'y'") && e.getMessage().contains("[x]"),
          e.getMessage());
    }
  }

  @Test
  void missingFileIsReported() {
    Path p = tmp.resolve("absent.safetensors");
    SafetensorsException e = assertThrows(SafetensorsException.class, () -> Safetensors.open(p));
    assertEquals(Problem.IO, e.problem());
    assertTrue(e.getMessage().contains("absent.safetensors") && e.getMessage().contains("no such file"));
    assertTrue(e instanceof CircuitException);
  }
}
