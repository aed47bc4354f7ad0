package dev.circuits.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class TensorCacheTest {
  @Test
  void evictsLeastRecentlyUsedBeyondTheByteBound() {
    TensorCache cache = new TensorCache(100);
    cache.put("a", Nd4j.zeros(DataType.FLOAT, 10));
    cache.put("b", Nd4j.zeros(DataType.FLOAT, 10));
    assertNotNull(cache.get("a"));
    cache.put("c", Nd4j.zeros(DataType.FLOAT, 10));
    assertNull(cache.get("b"));
    assertNotNull(cache.get("a"));
    assertNotNull(cache.get("c"));
    assertEquals(80, cache.bytes());
    cache.put("big", Nd4j.zeros(DataType.DOUBLE, 13));
    assertNull(cache.get("big"));
    assertEquals(2, cache.size());
    assertThrows(IllegalArgumentException.class, () -> new TensorCache(-1));
  }
}
