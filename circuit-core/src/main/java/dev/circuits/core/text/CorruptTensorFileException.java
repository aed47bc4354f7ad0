package dev.circuits.core.text;

import dev.circuits.core.CircuitException;
import java.nio.file.Path;

/** A tensor store file cannot be read, or its content does not hash to its file name. */
public final class CorruptTensorFileException extends CircuitException {
  private final Path file;

  /** Creates the exception for {@code file}; the message says what is wrong with it. */
  public CorruptTensorFileException(Path file, String message, Throwable cause) {
    super("corrupt tensor store file " + file + ": " + message, cause);
    this.file = file;
  }

  /** The offending file. */
  public Path file() {
    return file;
  }
}
