package dev.circuits.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Exact bytes the reference implementation (huggingface/safetensors' Rust tests) produces. */
class SafetensorsGoldenTest {
  @TempDir
  Path tmp;

  private static byte[] bytes(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }

  private byte[] written(Map<String, INDArray> tensors, Map<String, String> metadata)
      throws IOException {
    Path p = tmp.resolve("golden.safetensors");
    Safetensors.write(p, tensors, metadata);
    return Files.readAllBytes(p);
  }

  @Test
  void headerIsPaddedWithSpacesToAlignTheData() throws IOException {
    INDArray attn = Nd4j.createFromArray(0f, 1f, 2f, 3f, 4f, 5f).reshape(1, 1, 2, 3);
    byte[] expected = bytes(
        72, 0, 0, 0, 0, 0, 0, 0, 123, 34, 97, 116, 116, 110, 48, 34, 58, 123, 34, 100, 116,
        121, 112, 101, 34, 58, 34, 70, 51, 50, 34, 44, 34, 115, 104, 97, 112, 101, 34, 58,
        91, 49, 44, 49, 44, 50, 44, 51, 93, 44, 34, 100, 97, 116, 97, 95, 111, 102, 102,
        115, 101, 116, 115, 34, 58, 91, 48, 44, 50, 52, 93, 125, 125, 32, 32, 32, 32, 32,
        32, 32, 0, 0, 0, 0, 0, 0, 128, 63, 0, 0, 0, 64, 0, 0, 64, 64, 0, 0, 128, 64, 0, 0,
        160, 64);
    byte[] actual = written(Map.of("attn0", attn), Map.of());
    assertEquals(new String(Arrays.copyOfRange(expected, 8, 80), StandardCharsets.UTF_8),
        new String(Arrays.copyOfRange(actual, 8, Math.min(80, actual.length)), StandardCharsets.UTF_8));
    assertArrayEquals(expected, actual);
  }

  @Test
  void alreadyAlignedHeaderIsNotPadded() throws IOException {
    INDArray attn = Nd4j.createFromArray(0f, 1f, 2f, 3f, 4f, 5f).reshape(1, 2, 3);
    byte[] expected = bytes(
        64, 0, 0, 0, 0, 0, 0, 0, 123, 34, 97, 116, 116, 110, 46, 48, 34, 58, 123, 34, 100,
        116, 121, 112, 101, 34, 58, 34, 70, 51, 50, 34, 44, 34, 115, 104, 97, 112, 101, 34,
        58, 91, 49, 44, 50, 44, 51, 93, 44, 34, 100, 97, 116, 97, 95, 111, 102, 102, 115,
        101, 116, 115, 34, 58, 91, 48, 44, 50, 52, 93, 125, 125, 0, 0, 0, 0, 0, 0, 128, 63,
        0, 0, 0, 64, 0, 0, 64, 64, 0, 0, 128, 64, 0, 0, 160, 64);
    assertArrayEquals(expected, written(Map.of("attn.0", attn), Map.of()));
  }

  @Test
  void emptyFileWithAndWithoutMetadata() throws IOException {
    assertArrayEquals(bytes(8, 0, 0, 0, 0, 0, 0, 0, 123, 125, 32, 32, 32, 32, 32, 32),
        written(Map.of(), Map.of()));
    assertArrayEquals(bytes(
        40, 0, 0, 0, 0, 0, 0, 0, 123, 34, 95, 95, 109, 101, 116, 97, 100, 97, 116, 97, 95,
        95, 34, 58, 123, 34, 102, 114, 97, 109, 101, 119, 111, 114, 107, 34, 58, 34, 112,
        116, 34, 125, 125, 32, 32, 32, 32, 32), written(Map.of(), Map.of("framework", "pt")));
  }

  @Test
  void multipleTensorsAndMetadataHeaderText() throws IOException {
    Map<String, INDArray> tensors = new LinkedHashMap<>();
    tensors.put("wte", Nd4j.zeros(DataType.FLOAT, 2, 3));
    tensors.put("bias", Nd4j.createFromArray(true, false));
    tensors.put("ids", Nd4j.createFromArray(7L));
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("z", "last \"quoted\"");
    metadata.put("a", "first");
    byte[] out = written(tensors, metadata);
    String header = "{\"__metadata__\":{\"a\":\"first\",\"z\":\"last \\\"quoted\\\"\"},"
        + "\"bias\":{\"dtype\":\"BOOL\",\"shape\":[2],\"data_offsets\":[0,2]},"
        + "\"ids\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[2,10]},"
        + "\"wte\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[10,34]}}";
    int padded = (header.length() + 7) / 8 * 8;
    assertEquals(padded, java.nio.ByteBuffer.wrap(out, 0, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN)
        .getLong());
    assertEquals(header + " ".repeat(padded - header.length()),
        new String(out, 8, padded, StandardCharsets.UTF_8));
    assertEquals(8 + padded + 34, out.length);
    assertArrayEquals(bytes(1, 0, 7, 0, 0, 0, 0, 0, 0, 0), Arrays.copyOfRange(out, 8 + padded, 8 + padded + 10));
  }

  @Test
  void readsTheReferenceDocumentationExample() throws IOException {
    // An unpadded 60-byte header, as in the safetensors crate's documentation.
    byte[] header = "{\"test\":{\"dtype\":\"I32\",\"shape\":[2,2],\"data_offsets\":[0,16]}}"
        .getBytes(StandardCharsets.UTF_8);
    byte[] content = new byte[8 + header.length + 16];
    content[0] = (byte) header.length;
    System.arraycopy(header, 0, content, 8, header.length);
    content[8 + header.length] = 5;
    Path p = tmp.resolve("doc.safetensors");
    Files.write(p, content);
    try (SafetensorsFile f = Safetensors.open(p)) {
      assertEquals(Nd4j.createFromArray(new int[][] {{5, 0}, {0, 0}}), f.read("test"));
    }
  }
}
