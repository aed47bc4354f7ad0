package dev.circuits.core.io;

import dev.circuits.core.io.SafetensorsException.Problem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An open safetensors file whose header has been validated; tensors are copied out of a read-only
 * memory map on demand. Safe for concurrent reads; close it when done.
 */
public final class SafetensorsFile implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SafetensorsFile.class);

  private final Path file;
  private final FileChannel channel;
  private final SafetensorsHeader header;
  private volatile boolean closed;

  private SafetensorsFile(Path file, FileChannel channel, SafetensorsHeader header) {
    this.file = file;
    this.channel = channel;
    this.header = header;
  }

  /** Opens {@code file} and validates its header; see {@link Safetensors#open}. */
  static SafetensorsFile open(Path file) {
    FileChannel channel = null;
    try {
      channel = FileChannel.open(file, StandardOpenOption.READ);
      SafetensorsHeader header = SafetensorsHeader.read(channel, file);
      LOG.debug("opened {}: {} tensors", file, header.tensors().size());
      return new SafetensorsFile(file, channel, header);
    } catch (NoSuchFileException e) {
      closeQuietly(channel);
      throw new SafetensorsException(Problem.IO, file, "no such file", e);
    } catch (IOException e) {
      closeQuietly(channel);
      throw new SafetensorsException(Problem.IO, file, "cannot read: " + e, e);
    } catch (RuntimeException e) {
      closeQuietly(channel);
      throw e;
    }
  }

  /** The file this was opened from. */
  public Path path() {
    return file;
  }

  /** The tensor names, in header order. */
  public List<String> names() {
    return List.copyOf(header.tensors().keySet());
  }

  /** Whether the file holds a tensor named {@code name}. */
  public boolean contains(String name) {
    return header.tensors().containsKey(name);
  }

  /** Dtype, shape and byte range of tensor {@code name}. */
  public TensorInfo info(String name) {
    TensorInfo info = header.tensors().get(name);
    if (info == null) {
      List<String> names = names();
      throw new SafetensorsException(Problem.NO_SUCH_TENSOR, file, "no tensor named '" + name
          + "' (the file holds " + names.size() + ": "
          + (names.size() <= 10 ? names : names.subList(0, 10) + "...") + ")");
    }
    return info;
  }

  /** The {@code __metadata__} string map (empty when absent). */
  public Map<String, String> metadata() {
    return header.metadata();
  }

  /** A copy of tensor {@code name} as an ND4J array; F16 and BF16 are widened to float32. */
  public INDArray read(String name) {
    INDArray exact = readExact(name);
    DataType want = info(name).dtype().readType();
    return exact.dataType() == want ? exact : exact.castTo(want);
  }

  /** A copy of tensor {@code name} in its stored dtype (F16 as FLOAT16, BF16 as BFLOAT16). */
  public INDArray readExact(String name) {
    TensorInfo info = info(name);
    if (closed) {
      throw new IllegalStateException(file + " is closed");
    }
    long[] shape = info.shape().toArray();
    DataType type = info.dtype().nd4jType();
    if (info.byteSize() == 0) {
      return Nd4j.create(type, shape, 'c');
    }
    if (info.byteSize() > Integer.MAX_VALUE - 8) {
      throw new SafetensorsException(Problem.TOO_LARGE, file, "tensor '" + name + "' has "
          + info.byteSize() + " bytes, more than one ND4J buffer can be filled from a mapping");
    }
    try {
      ByteBuffer src = channel.map(FileChannel.MapMode.READ_ONLY,
          header.dataStart() + info.begin(), info.byteSize());
      INDArray out = Nd4j.createUninitialized(type, shape, 'c');
      ByteBuffer dst = out.data().asNio().order(ByteOrder.LITTLE_ENDIAN);
      dst.put(src);
      return out;
    } catch (IOException e) {
      throw new SafetensorsException(Problem.IO, file, "cannot read tensor '" + name + "': " + e, e);
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      channel.close();
    } catch (IOException e) {
      LOG.warn("closing {} failed", file, e);
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        LOG.debug("closing after a failed open failed", e);
      }
    }
  }
}
