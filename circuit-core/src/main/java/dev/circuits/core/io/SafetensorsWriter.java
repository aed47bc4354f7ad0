package dev.circuits.core.io;

import dev.circuits.core.TensorHash;
import dev.circuits.core.internal.AtomicFiles;
import dev.circuits.core.internal.Json;
import dev.circuits.core.io.SafetensorsException.Problem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Serialises tensors to the safetensors layout the reference implementation writes. */
final class SafetensorsWriter {
  private static final Logger LOG = LoggerFactory.getLogger(SafetensorsWriter.class);

  private SafetensorsWriter() {}

  /** Writes {@code tensors} (sorted by name) and {@code metadata} to {@code file} atomically. */
  static void write(Path file, Map<String, INDArray> tensors, Map<String, String> metadata) {
    List<Map.Entry<String, INDArray>> sorted = sortedEntries(file, tensors);
    byte[] header = header(file, sorted, metadata);
    try {
      AtomicFiles.write(file, ch -> {
        ByteBuffer prefix = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        prefix.putLong(0, header.length);
        writeFully(ch, prefix);
        writeFully(ch, ByteBuffer.wrap(header));
        for (Map.Entry<String, INDArray> e : sorted) {
          writeFully(ch, TensorHash.rawBytes(e.getValue()).duplicate());
        }
      });
    } catch (IOException e) {
      throw new SafetensorsException(Problem.IO, file, "cannot write: " + e, e);
    }
    LOG.debug("wrote {}: {} tensors", file, sorted.size());
  }

  /** The header bytes: compact JSON, {@code __metadata__} first, padded with spaces to 8n bytes. */
  static byte[] header(Path file, List<Map.Entry<String, INDArray>> sorted,
      Map<String, String> metadata) {
    Map<String, Object> root = new LinkedHashMap<>();
    if (!metadata.isEmpty()) {
      Map<String, Object> meta = new TreeMap<>(SafetensorsWriter::compareUtf8);
      for (Map.Entry<String, String> e : metadata.entrySet()) {
        if (e.getKey() == null || e.getValue() == null) {
          throw new SafetensorsException(Problem.UNWRITABLE, file,
              "metadata keys and values must not be null: " + e);
        }
        meta.put(e.getKey(), e.getValue());
      }
      root.put(SafetensorsHeader.METADATA_KEY, meta);
    }
    long offset = 0;
    for (Map.Entry<String, INDArray> e : sorted) {
      INDArray v = e.getValue();
      SafetensorsDtype dtype = SafetensorsDtype.of(v.dataType()).orElseThrow(
          () -> new SafetensorsException(Problem.UNWRITABLE, file, "tensor '" + e.getKey()
              + "' has ND4J dtype " + v.dataType() + ", which safetensors cannot hold (supported: "
              + SafetensorsDtype.supportedNames() + ")"));
      long bytes = Math.multiplyExact(v.length(), (long) dtype.itemSize());
      List<Object> shape = new ArrayList<>();
      for (long d : v.shape()) {
        shape.add(d);
      }
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("dtype", dtype.name());
      entry.put("shape", shape);
      entry.put("data_offsets", List.of(offset, offset + bytes));
      root.put(e.getKey(), entry);
      offset += bytes;
    }
    byte[] json = Json.write(root).getBytes(StandardCharsets.UTF_8);
    int padded = (json.length + 7) / 8 * 8;
    byte[] out = Arrays.copyOf(json, padded);
    Arrays.fill(out, json.length, padded, (byte) ' ');
    return out;
  }

  private static List<Map.Entry<String, INDArray>> sortedEntries(Path file,
      Map<String, INDArray> tensors) {
    List<Map.Entry<String, INDArray>> sorted = new ArrayList<>();
    for (Map.Entry<String, INDArray> e : tensors.entrySet()) {
      if (e.getKey() == null || e.getValue() == null) {
        throw new SafetensorsException(Problem.UNWRITABLE, file,
            "tensor names and values must not be null: " + e);
      }
      if (e.getKey().equals(SafetensorsHeader.METADATA_KEY)) {
        throw new SafetensorsException(Problem.UNWRITABLE, file, "'"
            + SafetensorsHeader.METADATA_KEY + "' is reserved and cannot name a tensor");
      }
      sorted.add(Map.entry(e.getKey(), e.getValue()));
    }
    sorted.sort((a, b) -> compareUtf8(a.getKey(), b.getKey()));
    return sorted;
  }

  /** Orders strings by their UTF-8 bytes, as Rust orders {@code str}s. */
  static int compareUtf8(String a, String b) {
    return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8),
        b.getBytes(StandardCharsets.UTF_8));
  }

  private static void writeFully(FileChannel ch, ByteBuffer buf) throws IOException {
    while (buf.hasRemaining()) {
      ch.write(buf);
    }
  }
}
