package dev.circuits.core.io;

import dev.circuits.core.io.TorchFormatException.Problem;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Turns a pickled tensor view and its storage bytes into a C-ordered ND4J array. */
final class TorchStorages {
  private TorchStorages() {}

  /** The tensor {@code t} describes, reading its storage (of {@code storageBytes}) from chunks. */
  static INDArray tensor(TorchTensorRecord t, long storageBytes, TorchSave.Chunks chunks,
      String where) {
    int item = t.dtype().itemSize();
    if (storageBytes != t.storageNumel() * item) {
      throw new TorchFormatException(Problem.BAD_STORAGE, where, "storage data/" + t.storageKey()
          + " has " + storageBytes + " bytes, but " + t.storageNumel() + " elements of "
          + t.dtype().storageName() + " need " + t.storageNumel() * item);
    }
    long numel = 1;
    long last = t.offset();
    for (int i = 0; i < t.size().length; i++) {
      if (t.size()[i] < 0 || t.stride()[i] < 0) {
        throw new TorchFormatException(Problem.BAD_STORAGE, where, "negative size or stride: size "
            + Arrays.toString(t.size()) + ", stride " + Arrays.toString(t.stride()));
      }
      numel = Math.multiplyExact(numel, t.size()[i]);
      last += (t.size()[i] - 1) * t.stride()[i];
    }
    if (numel > 0 && last >= t.storageNumel()) {
      throw new TorchFormatException(Problem.BAD_STORAGE, where, "the view (offset " + t.offset()
          + ", size " + Arrays.toString(t.size()) + ", stride " + Arrays.toString(t.stride())
          + ") reaches element " + last + " of a storage of " + t.storageNumel());
    }
    if (storageBytes > Integer.MAX_VALUE - 8) {
      throw new TorchFormatException(Problem.TOO_LARGE, where, "storage of " + storageBytes
          + " bytes is more than one ND4J buffer holds");
    }
    if (numel == 0) {
      return Nd4j.create(t.dtype().nd4j(), t.size(), 'c');
    }
    if (isContiguous(t.size(), t.stride())) {
      INDArray out = Nd4j.createUninitialized(t.dtype().nd4j(), t.size(), 'c');
      copy(chunks, t.offset() * item, numel * item, out);
      return out;
    }
    INDArray storage = Nd4j.createUninitialized(t.dtype().nd4j(), new long[] {t.storageNumel()},
        'c');
    copy(chunks, 0, storageBytes, storage);
    return Nd4j.create(storage.data(), t.size(), t.stride(), t.offset(), 'c', t.dtype().nd4j())
        .dup('c');
  }

  /** Whether {@code stride} is C-contiguous for {@code size} (size-1 dims may have any stride). */
  static boolean isContiguous(long[] size, long[] stride) {
    long expected = 1;
    for (int i = size.length - 1; i >= 0; i--) {
      if (size[i] != 1 && stride[i] != expected) {
        return false;
      }
      expected *= size[i];
    }
    return true;
  }

  /** Copies bytes {@code [from, from + length)} of the chunk stream into {@code out}'s buffer. */
  private static void copy(TorchSave.Chunks chunks, long from, long length, INDArray out) {
    ByteBuffer dst = out.data().asNio().order(ByteOrder.LITTLE_ENDIAN);
    long[] seen = {0};
    chunks.forEach(chunk -> {
      long start = seen[0];
      long end = start + chunk.remaining();
      seen[0] = end;
      long lo = Math.max(start, from);
      long hi = Math.min(end, from + length);
      if (lo < hi) {
        ByteBuffer part = chunk.duplicate();
        part.position(chunk.position() + (int) (lo - start));
        part.limit(chunk.position() + (int) (hi - start));
        dst.put(part);
      }
    });
  }
}
