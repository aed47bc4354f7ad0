package dev.circuits.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** Literal hashes from rust_circuit's tests (spec §2.3). */
class HashCompatibilityTest {
  @Test
  void zerosFloat32TensorHash() {
    String h = java.util.HexFormat.of().formatHex(TensorHash.hash(Nd4j.zeros(DataType.FLOAT, 2, 3)));
    assertTrue(h.startsWith("2f97b0bb06d4adba46cd8756"), h);
  }

  @Test
  void zerosInt8TensorHash() {
    String h = java.util.HexFormat.of().formatHex(TensorHash.hash(Nd4j.zeros(DataType.BYTE, 5)));
    assertTrue(h.startsWith("50dba7b000ecd7c013961b6c"), h);
  }

  @Test
  void int64TensorHash() {
    String h = java.util.HexFormat.of().formatHex(TensorHash.hash(
        Nd4j.createFromArray(new long[] {1, 2, 3, 3, 2, 1})));
    assertTrue(h.startsWith("292d9fdb22"), h);
  }

  @Test
  void viewAndCopyHashAlike() {
    var base = Nd4j.arange(24).castTo(DataType.FLOAT).reshape(4, 6);
    var view = base.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 3),
        org.nd4j.linalg.indexing.NDArrayIndex.all());
    assertEquals(java.util.HexFormat.of().formatHex(TensorHash.hash(view)),
        java.util.HexFormat.of().formatHex(TensorHash.hash(view.dup())));
    var transposed = base.transpose();
    assertEquals(java.util.HexFormat.of().formatHex(TensorHash.hash(transposed)),
        java.util.HexFormat.of().formatHex(TensorHash.hash(transposed.dup('c'))));
  }

  @Test
  void scalarCircuitHashes() {
    assertTrue(Scalar.of(1.0, Shape.of(1, 2), "a_name").hashHex().startsWith("80114e"));
    assertTrue(Scalar.of(2.0, Shape.of(2, 3), "b_other").hashHex().startsWith("c85657"));
  }

  @Test
  void nameIsPartOfHash() {
    assertNotEquals(Scalar.of(1.0, Shape.of(2), "x"), Scalar.of(1.0, Shape.of(2), "y"));
    assertEquals(Scalar.of(1.0, Shape.of(2), "x"), Scalar.of(1.0, Shape.of(2), "x"));
  }
}
