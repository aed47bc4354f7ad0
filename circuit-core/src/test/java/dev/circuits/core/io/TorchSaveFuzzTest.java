package dev.circuits.core.io;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.circuits.core.testing.Fuzz;
import dev.circuits.core.testing.Mutations;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Seeded fuzzing of the torch.save reader (issue 15): archives whose pickle, storage bytes or
 * entry names were mutated (zipped again with valid CRCs, so the mutation reaches the pickle
 * reader), and archives with mutated raw bytes. Each read ends in a typed
 * {@link TorchFormatException} or in a tensor; no pickle code ever runs.
 */
class TorchSaveFuzzTest {
  private static final int CASES = 400;
  private static final String[] TYPES = {"FloatStorage", "DoubleStorage", "LongStorage",
      "HalfStorage", "BFloat16Storage", "BoolStorage", "IntStorage", "ByteStorage"};

  @TempDir
  Path tmp;

  /** The entries of a valid archive: data.pkl, data/0 and version. */
  private static Map<String, byte[]> entries(Random r) {
    int rows = 1 + r.nextInt(3);
    int cols = 1 + r.nextInt(4);
    String type = TYPES[r.nextInt(TYPES.length)];
    byte[] storage = new byte[rows * cols * 8];
    r.nextBytes(storage);
    Map<String, byte[]> e = new LinkedHashMap<>();
    e.put("archive/data.pkl", TorchTestFiles.Pickle.tensor(type, rows * cols, 0,
        new int[] {rows, cols}, new int[] {cols, 1}).bytes());
    e.put("archive/data/0", storage);
    e.put("archive/version", "3\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    return e;
  }

  private byte[] mutated(long seed) {
    Random r = new Random(seed);
    Map<String, byte[]> e = entries(r);
    try {
      Path p = tmp.resolve("case-" + seed + ".pt");
      switch (r.nextInt(4)) {
        case 0 -> e.put("archive/data.pkl", Mutations.bytes(e.get("archive/data.pkl"), r, 3));
        case 1 -> e.put("archive/data/0", Mutations.bytes(e.get("archive/data/0"), r, 2));
        case 2 -> {
          byte[] pkl = e.get("archive/data.pkl");
          int at = r.nextInt(pkl.length - 4);
          ByteBuffer.wrap(pkl, at, 4).order(ByteOrder.LITTLE_ENDIAN)
              .putInt((int) Mutations.extreme(r));
        }
        default -> {
          TorchTestFiles.zip(p, e);
          byte[] raw = Mutations.bytes(Files.readAllBytes(p), r, 3);
          Files.delete(p);
          return raw;
        }
      }
      TorchTestFiles.zip(p, e);
      byte[] raw = Files.readAllBytes(p);
      Files.delete(p);
      return raw;
    } catch (IOException ex) {
      throw new java.io.UncheckedIOException(ex);
    }
  }

  private void read(byte[] content) throws IOException {
    Path p = Files.write(tmp.resolve("read.pt"), content);
    INDArray a = TorchSave.read(p);
    assertTrue(a.rank() >= 0);
  }

  @Test
  void mutatedArchivesEndInATypedErrorOrATensor() {
    int count = Fuzz.cases(CASES);
    Fuzz.Outcomes o = Fuzz.run(Fuzz.firstSeed(), count, Duration.ofSeconds(10), this::mutated,
        b -> b.length + " bytes", this::read);
    assertTrue(o.valid() > count / 50 && o.rejected() > count / 4, o.toString());
  }
}
