package dev.circuits.core.eval;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Freed evaluation buffers kept for reuse, by dtype and length, least recently freed out beyond a
 * cap. ND4J writes over every new buffer as it allocates it (a fresh 10 MB array costs about as
 * much as a pass over it) and a fresh buffer is cold in cache, so a GEMM into a reused buffer runs
 * a few percent faster; a transformer forward frees and needs the same few sizes again and again.
 * Only buffers no value, view or temporary refers to any more are given back (the evaluator's
 * reference counts and kernels' scratch lists decide that).
 */
final class BufferPool {
  /** Idle bytes kept at most (process-wide). */
  static final long CAP_BYTES = 256L << 20;
  static volatile boolean enabled = true;
  private static final BufferPool SHARED = new BufferPool(CAP_BYTES);

  private record Key(DataType type, long length) {}

  private final long cap;
  private final LinkedHashMap<Key, ArrayDeque<DataBuffer>> idle = new LinkedHashMap<>(16, 0.75f,
      true);
  private long bytes;

  private BufferPool(long cap) {
    this.cap = cap;
  }

  /** The process-wide pool. */
  static BufferPool shared() {
    return SHARED;
  }

  /** A c-order array of {@code shape} and {@code type} with unspecified contents. */
  INDArray take(DataType type, long... shape) {
    long length = 1;
    for (long s : shape) {
      length *= s;
    }
    DataBuffer buf = enabled && length > 0 ? poll(new Key(type, length)) : null;
    if (buf == null) {
      return Nd4j.createUninitialized(type, shape);
    }
    return Nd4j.create(buf, shape, NdViews.cStrides(shape), 0, 'c', type);
  }

  /** A dense c-order copy of {@code a}. */
  INDArray copy(INDArray a) {
    INDArray out = take(a.dataType(), a.shape());
    return out.assign(a);
  }

  private synchronized DataBuffer poll(Key key) {
    ArrayDeque<DataBuffer> q = idle.get(key);
    if (q == null || q.isEmpty()) {
      return null;
    }
    DataBuffer b = q.pop();
    bytes -= key.length() * key.type().width();
    if (q.isEmpty()) {
      idle.remove(key);
    }
    return b;
  }

  /** Frees {@code a} (an array nothing refers to any more) or keeps its buffer for reuse. */
  void give(INDArray a) {
    if (a == null || a.wasClosed() || !a.closeable()) {
      return;
    }
    DataBuffer buf = a.data();
    long size = buf.length() * buf.getElementSize();
    if (!enabled || a.offset() != 0 || a.length() != buf.length() || size > cap || size == 0) {
      a.close();
      return;
    }
    synchronized (this) {
      idle.computeIfAbsent(new Key(a.dataType(), buf.length()), k -> new ArrayDeque<>()).push(buf);
      bytes += size;
      Iterator<Map.Entry<Key, ArrayDeque<DataBuffer>>> it = idle.entrySet().iterator();
      while (bytes > cap && it.hasNext()) {
        Map.Entry<Key, ArrayDeque<DataBuffer>> e = it.next();
        while (bytes > cap && !e.getValue().isEmpty()) {
          DataBuffer old = e.getValue().removeLast();
          bytes -= e.getKey().length() * e.getKey().type().width();
          old.close();
        }
        if (e.getValue().isEmpty()) {
          it.remove();
        }
      }
    }
  }
}
