package dev.circuits.core.io;

import java.nio.file.Path;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Reads and writes the <a href="https://github.com/huggingface/safetensors">safetensors</a> format:
 * an 8-byte little-endian header length, a UTF-8 JSON header, then the little-endian tensor data.
 *
 * <pre>{@code
 * Safetensors.write(path, Map.of("w", w), Map.of("format", "pt"));
 * try (SafetensorsFile f = Safetensors.open(path)) {
 *   INDArray w2 = f.read("w");
 * }
 * }</pre>
 */
public final class Safetensors {
  private Safetensors() {}

  /** Opens {@code file} for reading, validating the whole header and the data layout. */
  public static SafetensorsFile open(Path file) {
    return SafetensorsFile.open(file);
  }

  /**
   * Writes {@code tensors} (sorted by name) and {@code metadata} (omitted when empty) atomically to
   * {@code file}: a temp file in the same directory is fsynced, then renamed over {@code file}.
   */
  public static void write(Path file, Map<String, INDArray> tensors, Map<String, String> metadata) {
    SafetensorsWriter.write(file, tensors, metadata);
  }

  /** Writes {@code tensors} atomically to {@code file}, without metadata. */
  public static void write(Path file, Map<String, INDArray> tensors) {
    SafetensorsWriter.write(file, tensors, Map.of());
  }
}
