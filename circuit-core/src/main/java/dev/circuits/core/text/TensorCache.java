package dev.circuits.core.text;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A thread-safe least-recently-used map from hex hash to tensor, bounded by total bytes. */
final class TensorCache {
  private final long maxBytes;
  private final LinkedHashMap<String, INDArray> entries = new LinkedHashMap<>(16, 0.75f, true);
  private long bytes;

  TensorCache(long maxBytes) {
    if (maxBytes < 0) {
      throw new IllegalArgumentException("cache size must be >= 0 bytes, got " + maxBytes);
    }
    this.maxBytes = maxBytes;
  }

  /** The cached tensor for {@code hash}, or null. */
  synchronized INDArray get(String hash) {
    return entries.get(hash);
  }

  /** Caches {@code value}, evicting least recently used entries; too-large values are skipped. */
  synchronized void put(String hash, INDArray value) {
    long size = sizeOf(value);
    if (size > maxBytes || entries.containsKey(hash)) {
      return;
    }
    entries.put(hash, value);
    bytes += size;
    Iterator<Map.Entry<String, INDArray>> it = entries.entrySet().iterator();
    while (bytes > maxBytes && it.hasNext()) {
      Map.Entry<String, INDArray> eldest = it.next();
      bytes -= sizeOf(eldest.getValue());
      it.remove();
    }
  }

  /** Total bytes of the cached tensors. */
  synchronized long bytes() {
    return bytes;
  }

  /** Number of cached tensors. */
  synchronized int size() {
    return entries.size();
  }

  private static long sizeOf(INDArray value) {
    return value.length() * value.dataType().width();
  }
}
