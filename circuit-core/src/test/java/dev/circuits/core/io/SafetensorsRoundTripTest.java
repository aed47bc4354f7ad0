package dev.circuits.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.circuits.core.Shape;
import dev.circuits.core.TensorHash;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SafetensorsRoundTripTest {
  private static final long[][] SHAPES = {{}, {0}, {3}, {2, 3}, {2, 0, 3}, {1, 1, 2, 3}};

  @TempDir
  Path tmp;

  static Stream<Arguments> dtypesAndShapes() {
    List<Arguments> out = new ArrayList<>();
    for (SafetensorsDtype d : SafetensorsDtype.values()) {
      for (long[] s : SHAPES) {
        out.add(Arguments.of(d, s));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("dtypesAndShapes")
  void everyDtypeAndShapeRoundTrips(SafetensorsDtype dtype, long[] shape) {
    long numel = Shape.of(shape).numel();
    byte[] bytes = TestTensors.randomBytes(new Random(numel * 31 + dtype.ordinal()),
        dtype.nd4jType(), numel);
    INDArray x = TestTensors.fromBytes(dtype.nd4jType(), shape, bytes);
    Path file = tmp.resolve("t.safetensors");
    Safetensors.write(file, Map.of("x", x));
    try (SafetensorsFile f = Safetensors.open(file)) {
      TensorInfo info = f.info("x");
      assertEquals(dtype, info.dtype());
      assertEquals(Shape.of(shape), info.shape());
      assertEquals(bytes.length, info.byteSize());
      INDArray exact = f.readExact("x");
      assertEquals(dtype.nd4jType(), exact.dataType());
      assertArrayEquals(shape, exact.shape());
      assertArrayEquals(bytes, TestTensors.bytesOf(exact));
      INDArray read = f.read("x");
      assertEquals(dtype.readType(), read.dataType());
      assertArrayEquals(shape, read.shape());
      if (dtype == SafetensorsDtype.F16 || dtype == SafetensorsDtype.BF16) {
        assertArrayEquals(TestTensors.bytesOf(x.castTo(DataType.FLOAT)), TestTensors.bytesOf(read));
      } else {
        assertArrayEquals(bytes, TestTensors.bytesOf(read));
      }
    }
  }

  @Test
  void halfPrecisionReadsAsFloat32Values() {
    INDArray h = Nd4j.createFromArray(1.5f, -2f, 65504f).castTo(DataType.FLOAT16);
    INDArray b = Nd4j.createFromArray(1.5f, -2f, 3f).castTo(DataType.BFLOAT16);
    Path file = tmp.resolve("half.safetensors");
    Safetensors.write(file, Map.of("h", h, "b", b));
    try (SafetensorsFile f = Safetensors.open(file)) {
      assertEquals(Nd4j.createFromArray(1.5f, -2f, 65504f), f.read("h"));
      assertEquals(Nd4j.createFromArray(1.5f, -2f, 3f), f.read("b"));
    }
  }

  @Test
  void randomTensorsKeepBytesAndHash() {
    long seed = new Random().nextLong();
    Random r = new Random(seed);
    SafetensorsDtype[] dtypes = SafetensorsDtype.values();
    for (int round = 0; round < 10; round++) {
      Map<String, INDArray> tensors = new LinkedHashMap<>();
      int n = 1 + r.nextInt(5);
      for (int i = 0; i < n; i++) {
        DataType type = dtypes[r.nextInt(dtypes.length)].nd4jType();
        long[] shape = TestTensors.randomShape(r);
        tensors.put("t" + r.nextInt(1000) + "." + i,
            TestTensors.fromBytes(type, shape, TestTensors.randomBytes(r, type, Shape.of(shape).numel())));
      }
      Path file = tmp.resolve("r" + round + ".safetensors");
      Safetensors.write(file, tensors, Map.of("round", Integer.toString(round)));
      try (SafetensorsFile f = Safetensors.open(file)) {
        assertEquals(tensors.keySet(), new java.util.HashSet<>(f.names()), "seed " + seed);
        assertEquals(Map.of("round", Integer.toString(round)), f.metadata(), "seed " + seed);
        for (Map.Entry<String, INDArray> e : tensors.entrySet()) {
          INDArray back = f.readExact(e.getKey());
          assertEquals(e.getValue().dataType(), back.dataType(), "seed " + seed + " " + e.getKey());
          assertArrayEquals(e.getValue().shape(), back.shape(), "seed " + seed + " " + e.getKey());
          assertArrayEquals(TestTensors.bytesOf(e.getValue()), TestTensors.bytesOf(back),
              "seed " + seed + " " + e.getKey());
          if (e.getValue().dataType() != DataType.BFLOAT16 && e.getValue().dataType() != DataType.UINT16
              && e.getValue().dataType() != DataType.UINT32 && e.getValue().dataType() != DataType.UINT64) {
            assertArrayEquals(TensorHash.hash(e.getValue()), TensorHash.hash(back),
                "seed " + seed + " " + e.getKey());
          }
        }
      }
    }
  }

  @Test
  void tensorsAreLaidOutInNameOrder() {
    Map<String, INDArray> tensors = new LinkedHashMap<>();
    tensors.put("b", Nd4j.createFromArray(2f));
    tensors.put("a", Nd4j.createFromArray(1.0));
    tensors.put("c", Nd4j.createFromArray((byte) 3));
    Path file = tmp.resolve("order.safetensors");
    Safetensors.write(file, tensors);
    try (SafetensorsFile f = Safetensors.open(file)) {
      assertEquals(List.of("a", "b", "c"), f.names());
      assertEquals(0, f.info("a").begin());
      assertEquals(8, f.info("b").begin());
      assertEquals(12, f.info("c").begin());
      assertEquals(Map.of(), f.metadata());
    }
  }

  @Test
  void viewsAndTransposesAreWrittenInLogicalOrder() {
    INDArray base = Nd4j.arange(12).castTo(DataType.FLOAT).reshape(3, 4);
    INDArray t = base.transpose();
    INDArray slice = base.getRow(1);
    Path file = tmp.resolve("views.safetensors");
    Safetensors.write(file, Map.of("t", t, "s", slice));
    try (SafetensorsFile f = Safetensors.open(file)) {
      assertEquals(t, f.read("t"));
      assertEquals(slice, f.read("s"));
    }
  }

  @Test
  void overwritesAnExistingFile() {
    Path file = tmp.resolve("x.safetensors");
    Safetensors.write(file, Map.of("a", Nd4j.createFromArray(1f)));
    Safetensors.write(file, Map.of("b", Nd4j.createFromArray(2f, 3f)));
    try (SafetensorsFile f = Safetensors.open(file)) {
      assertEquals(List.of("b"), f.names());
    }
  }

  @Test
  void unwritableInputsAreRejectedBeforeWriting() {
    Path file = tmp.resolve("bad.safetensors");
    SafetensorsException e = assertThrows(SafetensorsException.class, () -> Safetensors.write(file,
        Map.of("__metadata__", Nd4j.createFromArray(1f))));
    assertEquals(SafetensorsException.Problem.UNWRITABLE, e.problem());
    INDArray utf8 = Nd4j.create(DataType.UTF8, 0);
    e = assertThrows(SafetensorsException.class, () -> Safetensors.write(file, Map.of("s", utf8)));
    assertEquals(SafetensorsException.Problem.UNWRITABLE, e.problem());
    assertTrue(e.getMessage().contains("'s'") && e.getMessage().contains("UTF8"), e.getMessage());
    assertTrue(!java.nio.file.Files.exists(file));
  }

  @Test
  void readingAfterCloseFails() {
    Path file = tmp.resolve("c.safetensors");
    Safetensors.write(file, Map.of("a", Nd4j.createFromArray(1f)));
    SafetensorsFile f = Safetensors.open(file);
    f.close();
    assertThrows(IllegalStateException.class, () -> f.read("a"));
  }
}
