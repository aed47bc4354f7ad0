package dev.circuits.core.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.circuits.core.Array;
import dev.circuits.core.Circuit;
import dev.circuits.core.Shape;
import dev.circuits.core.TensorHash;
import dev.circuits.core.io.Safetensors;
import dev.circuits.core.io.SafetensorsException;
import dev.circuits.core.io.TorchFormatException;
import dev.circuits.core.io.TorchSave;
import dev.circuits.core.io.TorchTestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class TensorStoreTest {
  @TempDir
  Path tmp;

  private static INDArray tensor(int seed) {
    return Array.randn(Shape.of(2, 3), seed, "t").value();
  }

  private List<Path> allFiles() throws IOException {
    try (Stream<Path> s = Files.walk(tmp)) {
      return s.filter(Files::isRegularFile).collect(Collectors.toList());
    }
  }

  @Test
  void savesIntoTheHashTrieAndLoadsBack() {
    TensorStore store = TensorStore.at(tmp);
    INDArray zeros = Nd4j.zeros(DataType.FLOAT, 2, 3);
    String hash = store.save(zeros);
    assertTrue(hash.startsWith("2f97b0bb06d4adba46cd8756"), hash);
    assertEquals(64, hash.length());
    Path file = tmp.resolve("2f97").resolve("b0bb").resolve(hash.substring(8));
    assertEquals(file, store.pathOf(hash));
    assertTrue(Files.isRegularFile(file));
    assertTrue(store.contains(hash));
    Array loaded = store.load("2f97b0bb06d4adba46cd8756");
    assertEquals(zeros, loaded.value());
    assertEquals(hash, loaded.tensorHashHex());
    assertNull(loaded.name());
  }

  @Test
  void everyHashableDtypeRoundTripsExactly() {
    TensorStore store = TensorStore.at(tmp);
    List<INDArray> values = List.of(
        Nd4j.createFromArray(1.5f, -2f).castTo(DataType.FLOAT16),
        Nd4j.createFromArray(1.5, -2.25),
        Nd4j.createFromArray((byte) -3, (byte) 4),
        Nd4j.createFromArray((short) -3, (short) 400),
        Nd4j.createFromArray(-3, 70000),
        Nd4j.createFromArray(1L, 2L, 3L, 3L, 2L, 1L),
        Nd4j.createFromArray(true, false, true),
        Nd4j.createFromArray(1f, 2f).castTo(DataType.UINT8),
        Nd4j.scalar(7.0f),
        Nd4j.create(DataType.FLOAT, 2, 0, 3));
    for (INDArray v : values) {
      String hash = store.save(v);
      Array back = store.load(hash);
      assertEquals(v.dataType(), back.value().dataType(), hash);
      assertArrayEquals(v.shape(), back.value().shape(), hash);
      assertArrayEquals(TensorHash.hash(v), TensorHash.hash(back.value()), hash);
    }
    assertTrue(store.resolve("292d9fdb22").startsWith("292d9fdb22"));
  }

  @Test
  void saveIsIdempotentAndSkipsExistingFiles() throws IOException {
    TensorStore store = TensorStore.at(tmp);
    Array a = Array.of(tensor(1), "a");
    String hash = store.save(a);
    assertEquals(a.tensorHashHex(), hash);
    Path file = store.pathOf(hash);
    FileTime epoch = FileTime.fromMillis(0);
    Files.setLastModifiedTime(file, epoch);
    assertEquals(hash, store.save(a.value().dup()));
    assertEquals(epoch, Files.getLastModifiedTime(file));
    assertEquals(1, allFiles().size());
  }

  @Test
  void resolvesPrefixesOfAnyLength() {
    TensorStore store = TensorStore.at(tmp);
    List<String> hashes = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      hashes.add(store.save(tensor(i)));
    }
    for (String h : hashes) {
      for (int len : new int[] {12, 9, 8, 64}) {
        assertEquals(h, store.resolve(h.substring(0, len)), "prefix length " + len);
      }
      assertEquals(h, store.load(h.substring(0, 12).toUpperCase()).tensorHashHex());
    }
    // 20 hashes over 16 leading digits: some first digit is shared.
    Map<Character, List<String>> byFirst = hashes.stream().collect(
        Collectors.groupingBy(h -> h.charAt(0)));
    List<String> shared = byFirst.values().stream().filter(l -> l.size() > 1).findFirst()
        .orElseThrow();
    String prefix = shared.get(0).substring(0, 1);
    AmbiguousTensorPrefixException e = assertThrows(AmbiguousTensorPrefixException.class,
        () -> store.load(prefix));
    assertEquals(shared.stream().sorted().collect(Collectors.toList()), e.candidates());
    assertTrue(e.getMessage().contains("'" + prefix + "' matches " + shared.size()), e.getMessage());
    assertTrue(e.getMessage().contains(shared.get(0)) && e.getMessage().contains(tmp.toString()),
        e.getMessage());
  }

  @Test
  void prefixSharedBeyondTheTrieLevelsIsAmbiguous() throws IOException {
    TensorStore store = TensorStore.at(tmp);
    String hash = store.save(tensor(1));
    String twin = hash.substring(0, 20) + (hash.charAt(20) == '0' ? '1' : '0') + hash.substring(21);
    Files.copy(store.pathOf(hash), store.pathOf(twin));
    AmbiguousTensorPrefixException e = assertThrows(AmbiguousTensorPrefixException.class,
        () -> store.resolve(hash.substring(0, 20)));
    assertEquals(2, e.candidates().size());
    assertEquals(hash, store.resolve(hash.substring(0, 21)));
  }

  @Test
  void missingPrefixNamesPrefixAndDirectory() {
    TensorStore store = TensorStore.at(tmp.resolve("absent"));
    TensorNotFoundException e = assertThrows(TensorNotFoundException.class,
        () -> store.load("abcdef"));
    assertEquals("abcdef", e.prefix());
    assertTrue(e.getMessage().contains("'abcdef'") && e.getMessage().contains("absent"),
        e.getMessage());
    TensorStore real = TensorStore.at(tmp);
    String h = real.save(tensor(3));
    String other = (h.charAt(0) == 'f' ? "e" : "f") + h.substring(1);
    assertThrows(TensorNotFoundException.class, () -> real.load(other));
    assertThrows(TensorNotFoundException.class, () -> real.load(other.substring(0, 10)));
  }

  @Test
  void rejectsPrefixesThatAreNotHex() {
    TensorStore store = TensorStore.at(tmp);
    assertThrows(IllegalArgumentException.class, () -> store.load("xyz"));
    assertThrows(IllegalArgumentException.class, () -> store.load(""));
    assertThrows(IllegalArgumentException.class, () -> store.load("a".repeat(65)));
    assertThrows(IllegalArgumentException.class, () -> store.pathOf("abc"));
  }

  @Test
  void corruptedContentIsDetectedOnLoad() throws IOException {
    TensorStore store = TensorStore.at(tmp);
    String hash = store.save(tensor(5));
    Path file = store.pathOf(hash);
    byte[] content = Files.readAllBytes(file);
    content[content.length - 1] ^= 1;
    Files.write(file, content);
    CorruptTensorFileException e = assertThrows(CorruptTensorFileException.class,
        () -> store.load(hash.substring(0, 10)));
    assertEquals(file, e.file());
    assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("hashes to")
        && e.getMessage().contains(hash), e.getMessage());
  }

  @Test
  void unreadableFilesAreReportedAsCorrupt() throws IOException {
    TensorStore store = TensorStore.at(tmp);
    String hash = store.save(tensor(6));
    Path file = store.pathOf(hash);
    Files.write(file, new byte[] {1, 2, 3});
    CorruptTensorFileException e = assertThrows(CorruptTensorFileException.class,
        () -> store.load(hash));
    assertTrue(e.getCause() instanceof SafetensorsException, String.valueOf(e.getCause()));
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());

    Files.write(file, new byte[] {'P', 'K', 3, 4, 0, 0, 0, 0, 0, 0, 0, 0});
    e = assertThrows(CorruptTensorFileException.class, () -> store.load(hash));
    assertTrue(e.getMessage().contains("torch.save"), e.getMessage());

    Safetensors.write(file, Map.of("weights", tensor(6)));
    e = assertThrows(CorruptTensorFileException.class, () -> store.load(hash));
    assertTrue(e.getMessage().contains("exactly one tensor named 'tensor'")
        && e.getMessage().contains("[weights]"), e.getMessage());
  }

  @Test
  void savesLeaveNoTempFilesAndLookupsIgnoreStrayOnes() throws IOException {
    TensorStore store = TensorStore.at(tmp);
    String hash = store.save(tensor(7));
    store.save(tensor(8));
    for (Path p : allFiles()) {
      assertFalse(p.getFileName().toString().startsWith("."), p.toString());
    }
    Path stray = store.pathOf(hash).resolveSibling("." + hash.substring(8) + ".123.tmp");
    Files.write(stray, new byte[] {0});
    assertEquals(hash, store.resolve(hash.substring(0, 8)));
  }

  @Test
  void failedSaveLeavesNothingBehind() throws IOException {
    TensorStore store = TensorStore.at(tmp);
    INDArray v = tensor(9);
    String hash = HexFormat.of().formatHex(TensorHash.hash(v));
    Path blocker = store.pathOf(hash);
    Files.createDirectories(blocker);
    Files.write(blocker.resolve("x"), new byte[] {1});
    assertThrows(SafetensorsException.class, () -> store.save(v));
    try (Stream<Path> s = Files.list(blocker.getParent())) {
      assertEquals(List.of(blocker), s.collect(Collectors.toList()));
    }
    assertFalse(store.contains(hash));
  }

  @Test
  void cacheServesRepeatedLoads() throws IOException {
    TensorStore store = TensorStore.at(tmp, 1 << 20);
    String hash = store.save(tensor(10));
    Array first = store.load(hash);
    Files.write(store.pathOf(hash), new byte[] {1, 2, 3});
    Array second = store.load(hash);
    assertSame(first.value(), second.value());
    assertThrows(CorruptTensorFileException.class, () -> TensorStore.at(tmp).load(hash));
  }

  @Test
  void concurrentSavesAndLoadsAgree() throws Exception {
    TensorStore store = TensorStore.at(tmp);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<String>> futures = new ArrayList<>();
      for (int i = 0; i < 24; i++) {
        int seed = i % 3;
        futures.add(pool.submit(() -> store.load(store.save(tensor(seed))).tensorHashHex()));
      }
      for (int i = 0; i < futures.size(); i++) {
        assertEquals(HexFormat.of().formatHex(TensorHash.hash(tensor(i % 3))), futures.get(i).get());
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(3, allFiles().size());
  }

  @Test
  void defaultDirectoryFollowsTheEnvironment() {
    Map<String, String> env = new HashMap<>();
    assertEquals(Paths.get("/home/u", "tensors_by_hash_cache"), TensorStore.defaultDir(env, "/home/u"));
    env.put("TENSORS_CACHE_DIR", "/data/tensors");
    assertEquals(Paths.get("/data/tensors"), TensorStore.defaultDir(env, "/home/u"));
    assertTrue(TensorStore.defaultStore().dir().isAbsolute());
  }

  @Test
  void readsTorchSaveFilesAsRustCircuitWritesThem() throws IOException {
    TensorStore store = TensorStore.at(tmp);
    INDArray zeros = Nd4j.zeros(DataType.FLOAT, 2, 3);
    String hex = HexFormat.of().formatHex(TensorHash.hash(zeros));
    Path file = store.pathOf(hex);
    Files.createDirectories(file.getParent());
    TorchSave.write(file, zeros);
    Array loaded = store.load("2f97b0bb06d4adba46cd8756");
    assertEquals(zeros, loaded.value());
    assertEquals(hex, loaded.tensorHashHex());
  }

  @Test
  void tensorsSavedFromAGpuAreFoundUnderTheirGpuHash() throws IOException {
    INDArray value = Nd4j.createFromArray(new float[] {1, 2});
    String cuda = HexFormat.of().formatHex(TensorHash.hash(value, "cuda:0"));
    assertFalse(cuda.equals(HexFormat.of().formatHex(TensorHash.hash(value))));
    TensorStore store = TensorStore.at(tmp);
    Path file = store.pathOf(cuda);
    Files.createDirectories(file.getParent());
    Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
    entries.put("archive/data.pkl", TorchTestFiles.Pickle.tensor("FloatStorage", "cuda:0", 2, 0,
        new int[] {2}, new int[] {1}).bytes());
    java.nio.ByteBuffer raw = TensorHash.rawBytes(value);
    byte[] data = new byte[raw.remaining()];
    raw.get(data);
    entries.put("archive/data/0", data);
    entries.put("archive/version", new byte[] {'3', '\n'});
    TorchTestFiles.zip(file, entries);
    Array loaded = store.load(cuda.substring(0, 12));
    assertEquals(value, loaded.value());
    assertEquals(cuda, loaded.tensorHashHex());
  }

  @Test
  void torchFormatStoresWriteTorchFilesThatEitherStoreReads() {
    TensorStore torch = TensorStore.at(tmp).withFormat(TensorStore.Format.TORCH);
    assertEquals(TensorStore.Format.TORCH, torch.format());
    INDArray value = tensor(4);
    String hash = torch.save(value);
    assertTrue(TorchSave.isZip(torch.pathOf(hash)));
    assertEquals(value, TensorStore.at(tmp).load(hash.substring(0, 6)).value());
    assertEquals(TensorStore.Format.SAFETENSORS, TensorStore.at(tmp).format());
  }

  @Test
  void torchFilesWithOtherContentOrDamageAreCorrupt() throws IOException {
    TensorStore store = TensorStore.at(tmp);
    String hash = store.save(tensor(1));
    Path file = store.pathOf(hash);
    TorchSave.write(file, tensor(2));
    CorruptTensorFileException e = assertThrows(CorruptTensorFileException.class,
        () -> store.load(hash));
    assertTrue(e.getMessage().contains("hashes to"), e.getMessage());
    Files.write(file, new byte[] {'P', 'K', 3, 4, 9, 9, 9});
    e = assertThrows(CorruptTensorFileException.class, () -> store.load(hash));
    assertTrue(e.getCause() instanceof TorchFormatException, String.valueOf(e.getCause()));
  }

  @Test
  void standInsAreNeverStored() {
    Circuit standIn = new Parser(ParserOptions.defaults().withTensorStandIns(true))
        .parseCircuit("'w' [1000,64] Array 0123456789abcdef01234567");
    assertEquals(Shape.of(1000, 64), standIn.shape());
    assertTrue(((Array) standIn).tensorHashHex().startsWith("0123456789abcdef01234567"));
    assertEquals("'w' [1000,64] Array 0123456789abcdef01234567", Printer.repr(standIn));
    dev.circuits.core.CircuitException e = assertThrows(dev.circuits.core.CircuitException.class,
        () -> TensorStore.at(tmp).save((Array) standIn));
    assertTrue(e.getMessage().contains("stand-in"), e.getMessage());
  }
}
