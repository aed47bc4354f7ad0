package dev.circuits.core.io;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.circuits.core.testing.Fuzz;
import dev.circuits.core.testing.Mutations;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Seeded fuzzing of the safetensors reader (issue 15): files with mutated bytes, and files whose
 * JSON header was mutated as text (then re-framed with the right length, so the mutation reaches
 * the header's checks). Opening and reading every tensor ends in a {@link SafetensorsException}
 * or in tensors of the promised shape.
 */
class SafetensorsFuzzTest {
  private static final int CASES = 500;
  private static final List<String> JSON_TOKENS = List.of("\"", "{", "}", "[", "]", ",", ":",
      "-1", "0", "18446744073709551615", "9223372036854775807", "1e308", "null", "true",
      "\"F32\"", "\"BF16\"", "\"Q8\"", "\"dtype\"", "\"shape\"", "\"data_offsets\"",
      "\"__metadata__\"", "\\u0000", "\\ud800", " ", "NaN");

  @TempDir
  Path tmp;

  private static final List<byte[]> BASES = java.util.stream.LongStream.range(0, 3)
      .mapToObj(SafetensorsFuzzTest::base).toList();

  private static byte[] base(long seed) {
    Random r = new Random(seed);
    Map<String, INDArray> tensors = new LinkedHashMap<>();
    tensors.put("a", Nd4j.rand(DataType.FLOAT, 2, 3));
    tensors.put("b.weight", Nd4j.createFromArray(new long[] {1, -2, 3}));
    tensors.put("c", Nd4j.rand(DataType.DOUBLE, 1 + r.nextInt(3)));
    tensors.put("d", Nd4j.rand(DataType.FLOAT, 2).castTo(DataType.BFLOAT16));
    tensors.put("e", Nd4j.createFromArray(true, false));
    tensors.put("empty", Nd4j.create(DataType.FLOAT, 0, 4));
    return SafetensorsFraming.write(tensors);
  }

  /** Mutates the raw bytes, the data bytes, or the header text (re-framed with its length). */
  private static byte[] mutated(long seed) {
    Random r = new Random(seed);
    byte[] file = BASES.get(r.nextInt(BASES.size())).clone();
    long n = ByteBuffer.wrap(file, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    switch (r.nextInt(3)) {
      case 0:
        return Mutations.bytes(file, r, 4);
      case 1:
        for (int i = 0; i < 1 + r.nextInt(8); i++) { // the data only: any bytes are tensors
          file[8 + (int) n + r.nextInt(file.length - 8 - (int) n)] = (byte) r.nextInt(256);
        }
        return file;
      default:
        break;
    }
    String header = new String(file, 8, (int) n, StandardCharsets.UTF_8);
    byte[] newHeader = Mutations.text(header, r, JSON_TOKENS, 3)
        .getBytes(StandardCharsets.UTF_8);
    byte[] data = Arrays.copyOfRange(file, 8 + (int) n, file.length);
    ByteBuffer out = ByteBuffer.allocate(8 + newHeader.length + data.length)
        .order(ByteOrder.LITTLE_ENDIAN);
    return out.putLong(newHeader.length).put(newHeader).put(data).array();
  }

  private void readAll(byte[] content) throws IOException {
    Path p = Files.write(tmp.resolve("f.safetensors"), content);
    try (SafetensorsFile f = Safetensors.open(p)) {
      f.metadata();
      for (String name : f.names()) {
        INDArray a = f.read(name);
        assertTrue(Arrays.equals(a.shape(), f.info(name).shape().toArray()), name);
      }
    }
  }

  @Test
  void mutatedFilesEndInATypedErrorOrValidTensors() {
    int count = Fuzz.cases(CASES);
    Fuzz.Outcomes o = Fuzz.run(Fuzz.firstSeed(), count, Duration.ofSeconds(10),
        SafetensorsFuzzTest::mutated, b -> b.length + " bytes: "
            + new String(b, 0, Math.min(b.length, 600), StandardCharsets.ISO_8859_1),
        this::readAll);
    assertTrue(o.valid() > count / 10 && o.rejected() > count / 4, o.toString());
  }

  /** Writes tensors to bytes through the library's own writer. */
  private static final class SafetensorsFraming {
    static byte[] write(Map<String, INDArray> tensors) {
      try {
        Path p = Files.createTempFile("fuzz", ".safetensors");
        try {
          Safetensors.write(p, tensors, Map.of("format", "pt"));
          return Files.readAllBytes(p);
        } finally {
          Files.deleteIfExists(p);
        }
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }
}
