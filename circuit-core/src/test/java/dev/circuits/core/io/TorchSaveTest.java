package dev.circuits.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.circuits.core.TensorHash;
import dev.circuits.core.io.TorchFormatException.Problem;
import dev.circuits.core.io.TorchTestFiles.Pickle;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** torch.save files: hand-made archives load, the writer matches Python, bad files are refused. */
class TorchSaveTest {
  @TempDir
  Path tmp;

  private Path zipped(String name, Map<String, byte[]> entries) throws IOException {
    return TorchTestFiles.zip(tmp.resolve(name), entries);
  }

  private static byte[] floats(float... v) {
    ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
    for (float f : v) {
      b.putFloat(f);
    }
    return b.array();
  }

  private Path tensorFile(String folder, byte[] pickle, byte[] storage) throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put(folder + "/data.pkl", pickle);
    entries.put(folder + "/data/0", storage);
    entries.put(folder + "/version", "3\n".getBytes(StandardCharsets.US_ASCII));
    return TorchTestFiles.zip(tmp.resolve("t.pt"), entries);
  }

  @Test
  void handMadeFileLoads() throws IOException {
    byte[] pickle = Pickle.tensor("FloatStorage", 6, 0, new int[] {2, 3}, new int[] {3, 1})
        .bytes();
    // rust_circuit saves to a path named by the hash, so torch names the folder after the file.
    Path f = tensorFile("b8bd8a90d0db28aa0302de9a0000000000000000000000000000", pickle,
        floats(1, 2, 3, 4, 5, 6));
    INDArray t = TorchSave.read(f);
    assertEquals(DataType.FLOAT, t.dataType());
    assertArrayEquals(new long[] {2, 3}, t.shape());
    assertEquals(Nd4j.createFromArray(new float[][] {{1, 2, 3}, {4, 5, 6}}), t);
  }

  @Test
  void theSavingDeviceIsReported() throws IOException {
    byte[] pickle = Pickle.tensor("FloatStorage", "cuda:0", 2, 0, new int[] {2},
        new int[] {1}).bytes();
    TorchSave.Loaded loaded = TorchSave.readWithLocation(tensorFile("archive", pickle,
        floats(1, 2)));
    assertEquals("cuda:0", loaded.location());
    assertEquals(Nd4j.createFromArray(new float[] {1, 2}), loaded.value());
  }

  @Test
  void stridedAndOffsetViewsAreRead() throws IOException {
    byte[] transposed = Pickle.tensor("FloatStorage", 6, 0, new int[] {3, 2}, new int[] {1, 3})
        .bytes();
    assertEquals(Nd4j.createFromArray(new float[][] {{0, 3}, {1, 4}, {2, 5}}),
        TorchSave.read(tensorFile("archive", transposed, floats(0, 1, 2, 3, 4, 5))));
    byte[] everyOther = Pickle.tensor("FloatStorage", 6, 1, new int[] {2}, new int[] {2})
        .bytes();
    assertEquals(Nd4j.createFromArray(new float[] {1, 3}),
        TorchSave.read(tensorFile("archive", everyOther, floats(0, 1, 2, 3, 4, 5))));
    byte[] expanded = Pickle.tensor("FloatStorage", 1, 0, new int[] {2, 2}, new int[] {0, 0})
        .bytes();
    assertEquals(Nd4j.createFromArray(new float[][] {{7, 7}, {7, 7}}),
        TorchSave.read(tensorFile("archive", expanded, floats(7))));
  }

  /**
   * The bytes CPython's protocol-2 pickler writes for torch's {@code Tensor.__reduce_ex__} result
   * with torch.save's persistent ids (produced by CPython 3 with torch-shaped stand-in classes).
   */
  private static final String PY_FLOAT_2X3 =
      "800263746f7263682e5f7574696c730a5f72656275696c645f74656e736f725f76320a7100282858"
        + "0700000073746f72616765710163746f7263680a466c6f617453746f726167650a71025801000000"
        + "307103580300000063707571044b06747105514b004b024b038671064b034b018671078963636f6c"
        + "6c656374696f6e730a4f726465726564446963740a71082952710974710a52710b2e";
  private static final String PY_FLOAT_SCALAR =
      "800263746f7263682e5f7574696c730a5f72656275696c645f74656e736f725f76320a7100282858"
        + "0700000073746f72616765710163746f7263680a466c6f617453746f726167650a71025801000000"
        + "307103580300000063707571044b01747105514b0029298963636f6c6c656374696f6e730a4f7264"
        + "65726564446963740a7106295271077471085271092e";
  private static final String PY_LONG_1X2X5X7000 =
      "800263746f7263682e5f7574696c730a5f72656275696c645f74656e736f725f76320a7100282858"
        + "0700000073746f72616765710163746f7263680a4c6f6e6753746f726167650a7102580100000030"
        + "7103580300000063707571044a70110100747105514b00284b014b024b054d581b747106284a7011"
        + "01004db8884d581b4b017471078963636f6c6c656374696f6e730a4f726465726564446963740a71"
        + "082952710974710a52710b2e";
  private static final String PY_FLOAT_3X2POW31 =
      "800263746f7263682e5f7574696c730a5f72656275696c645f74656e736f725f76320a7100282858"
        + "0700000073746f72616765710163746f7263680a466c6f617453746f726167650a71025801000000"
        + "307103580300000063707571048a050000008001747105514b008a0500000080018571064b018571"
        + "078963636f6c6c656374696f6e730a4f726465726564446963740a71082952710974710a52710b2e";

  @Test
  void writerMatchesPythonsPickler() {
    assertEquals(PY_FLOAT_2X3, hex(TorchPickleWriter.write(TorchDtype.FLOAT, new long[] {2, 3})));
    assertEquals(PY_FLOAT_SCALAR, hex(TorchPickleWriter.write(TorchDtype.FLOAT, new long[0])));
    assertEquals(PY_LONG_1X2X5X7000,
        hex(TorchPickleWriter.write(TorchDtype.LONG, new long[] {1, 2, 5, 7000})));
    assertEquals(PY_FLOAT_3X2POW31,
        hex(TorchPickleWriter.write(TorchDtype.FLOAT, new long[] {3L << 31})));
    assertEquals(PY_FLOAT_2X3, hex(Pickle.tensor("FloatStorage", 6, 0, new int[] {2, 3},
        new int[] {3, 1}).bytes()).replace("284b024b0374", "4b024b0386").replace(
        "284b034b0174", "4b034b0186"), "the hand-made pickle differs only in tuple opcodes");
  }

  private static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  @Test
  void everyDtypeRoundTrips() {
    java.util.List<INDArray> values = java.util.List.of(
        Nd4j.createFromArray(new float[][] {{1.5f, -2}, {3, 4}}),
        Nd4j.createFromArray(new double[] {Math.PI, -1e300}),
        Nd4j.createFromArray(new float[] {0.5f, 1, -2}).castTo(DataType.HALF),
        Nd4j.createFromArray(new long[] {Long.MIN_VALUE, 7, 50256}),
        Nd4j.createFromArray(new int[][] {{-1}, {2}}),
        Nd4j.createFromArray(new short[] {-3, 300}),
        Nd4j.createFromArray(new byte[] {-128, 127}),
        Nd4j.createFromArray(new byte[] {-1, 1}).castTo(DataType.UBYTE),
        Nd4j.createFromArray(new boolean[] {true, false, true}),
        Nd4j.scalar(DataType.FLOAT, 42f));
    int i = 0;
    for (INDArray v : values) {
      Path f = tmp.resolve("t" + i++);
      TorchSave.write(f, v);
      INDArray back = TorchSave.read(f);
      assertEquals(v.dataType(), back.dataType());
      assertArrayEquals(v.shape(), back.shape());
      assertArrayEquals(TensorHash.hash(v), TensorHash.hash(back), v.dataType().toString());
    }
    Path empty = tmp.resolve("empty");
    TorchSave.write(empty, Nd4j.create(DataType.FLOAT, 0, 3));
    assertArrayEquals(new long[] {0, 3}, TorchSave.read(empty).shape());
  }

  @Test
  void writtenFilesAreAlignedStoredZips() throws IOException {
    Path f = tmp.resolve("aligned");
    TorchSave.write(f, Nd4j.createFromArray(new float[] {1, 2, 3}));
    byte[] bytes = Files.readAllBytes(f);
    int dataAt = indexOf(bytes, floats(1, 2, 3));
    assertEquals(0, dataAt % 64, "storage bytes start at a multiple of 64");
    try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(f.toFile())) {
      assertEquals(java.util.List.of("archive/data.pkl", "archive/byteorder", "archive/data/0",
          "archive/version"), z.stream().map(ZipEntry::getName).toList());
      z.stream().forEach(e -> assertEquals(ZipEntry.STORED, e.getMethod()));
    }
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    for (int i = 0; i + needle.length <= hay.length; i++) {
      if (java.util.Arrays.equals(hay, i, i + needle.length, needle, 0, needle.length)) {
        return i;
      }
    }
    return -1;
  }

  private TorchFormatException fails(Path f) {
    return assertThrows(TorchFormatException.class, () -> TorchSave.read(f));
  }

  private void assertProblem(Problem p, String inMessage, TorchFormatException e) {
    assertEquals(p, e.problem(), e.getMessage());
    assertTrue(e.getMessage().contains(inMessage), e.getMessage());
  }

  @Test
  void damagedArchivesAreRejected() throws IOException {
    Path notZip = tmp.resolve("x");
    Files.write(notZip, "hello".getBytes(StandardCharsets.US_ASCII));
    assertProblem(Problem.BAD_ARCHIVE, "not a zip", fails(notZip));

    Path legacy = tmp.resolve("legacy");
    Files.write(legacy, new byte[] {(byte) 0x80, 2, (byte) 0x8a, 0x0a, 0x6c, (byte) 0xfc});
    assertProblem(Problem.LEGACY_FORMAT, "legacy", fails(legacy));

    Path good = tmp.resolve("good");
    TorchSave.write(good, Nd4j.createFromArray(new float[] {1, 2, 3}));
    byte[] bytes = Files.readAllBytes(good);
    Path truncated = tmp.resolve("truncated");
    Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    assertProblem(Problem.BAD_ARCHIVE, "zip", fails(truncated));

    byte[] flipped = bytes.clone();
    flipped[indexOf(bytes, floats(1, 2, 3))] ^= 1;
    Path crc = tmp.resolve("crc");
    Files.write(crc, flipped);
    assertProblem(Problem.BAD_ARCHIVE, "data/0 is damaged", fails(crc));
  }

  @Test
  void unexpectedEntriesAndMissingStoragesAreRejected() throws IOException {
    byte[] pickle = Pickle.tensor("FloatStorage", 1, 0, new int[] {1}, new int[] {1}).bytes();
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("archive/data.pkl", pickle);
    entries.put("archive/version", "3\n".getBytes(StandardCharsets.US_ASCII));
    assertProblem(Problem.MISSING_ENTRY, "data/0", fails(zipped("nostorage", entries)));
    entries.put("archive/data/0", floats(1));
    entries.put("archive/code/evil.py", new byte[] {1});
    assertProblem(Problem.UNEXPECTED_ENTRY, "archive/code/evil.py",
        fails(zipped("extra", entries)));
    entries.remove("archive/code/evil.py");
    entries.put("archive/byteorder", "big".getBytes(StandardCharsets.US_ASCII));
    assertProblem(Problem.BYTE_ORDER, "big", fails(zipped("big", entries)));
    entries.remove("archive/byteorder");
    entries.remove("archive/version");
    assertProblem(Problem.MISSING_ENTRY, "no version",
        fails(zipped("noversion", entries)));
  }

  @Test
  void picklesOutsideThePlainTensorSubsetAreRejected() throws IOException {
    byte[] storage = floats(1, 2, 3, 4, 5, 6);
    byte[] evil = new Pickle().op(0x80, 2).global("os", "system").unicode("rm -rf /")
        .op(0x85, 'R', '.').bytes();
    assertProblem(Problem.UNSUPPORTED_GLOBAL, "'os.system'",
        fails(tensorFile("archive", evil, storage)));
    byte[] builtins = new Pickle().op(0x80, 2).global("builtins", "eval").bytes();
    assertProblem(Problem.UNSUPPORTED_GLOBAL, "builtins.eval",
        fails(tensorFile("archive", builtins, storage)));
    byte[] proto4 = new Pickle().op(0x80, 4, 0x95).bytes();
    assertProblem(Problem.UNSUPPORTED_OPCODE, "protocol 4",
        fails(tensorFile("archive", proto4, storage)));
    byte[] inst = new Pickle().op(0x80, 2, 'i').bytes();
    assertProblem(Problem.UNSUPPORTED_OPCODE, "0x69 'i'",
        fails(tensorFile("archive", inst, storage)));
    byte[] bf16 = Pickle.tensor("BFloat16Storage", 3, 0, new int[] {3}, new int[] {1}).bytes();
    assertProblem(Problem.UNSUPPORTED_DTYPE, "BFloat16Storage",
        fails(tensorFile("archive", bf16, storage)));
    byte[] param = new Pickle().op(0x80, 2).global("torch._utils", "_rebuild_parameter").bytes();
    assertProblem(Problem.UNSUPPORTED_GLOBAL, "_rebuild_parameter",
        fails(tensorFile("archive", param, storage)));
    byte[] good = Pickle.tensor("FloatStorage", 6, 0, new int[] {2, 3}, new int[] {3, 1})
        .bytes();
    byte[] truncated = java.util.Arrays.copyOf(good, good.length - 1);
    assertProblem(Problem.BAD_PICKLE, "no STOP", fails(tensorFile("archive", truncated, storage)));
  }

  @Test
  void viewsThatDoNotFitTheirStorageAreRejected() throws IOException {
    byte[] tooBig = Pickle.tensor("FloatStorage", 6, 0, new int[] {2, 4}, new int[] {4, 1})
        .bytes();
    assertProblem(Problem.BAD_STORAGE, "reaches element 7 of a storage of 6",
        fails(tensorFile("archive", tooBig, floats(1, 2, 3, 4, 5, 6))));
    byte[] ok = Pickle.tensor("FloatStorage", 6, 0, new int[] {6}, new int[] {1}).bytes();
    assertProblem(Problem.BAD_STORAGE, "has 20 bytes, but 6 elements",
        fails(tensorFile("archive", ok, floats(1, 2, 3, 4, 5))));
  }
}
