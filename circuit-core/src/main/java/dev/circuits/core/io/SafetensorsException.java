package dev.circuits.core.io;

import dev.circuits.core.CircuitException;
import java.nio.file.Path;

/** A safetensors file is malformed, cannot be read or written, or lacks the tensor asked for. */
public final class SafetensorsException extends CircuitException {
  /** The kind of problem. */
  public enum Problem {
    /** The file is shorter than the 8-byte header length prefix. */
    TRUNCATED,
    /** The declared header length is beyond the file or above the 100 MB limit. */
    HEADER_TOO_LARGE,
    /** The header is not UTF-8 JSON, not an object, or an entry has the wrong structure. */
    BAD_HEADER,
    /** Two tensors share a name. */
    DUPLICATE_NAME,
    /** A dtype is not one of {@link SafetensorsDtype}. */
    UNKNOWN_DTYPE,
    /** A tensor's byte range does not match its shape and dtype. */
    SHAPE_MISMATCH,
    /** A tensor's byte range extends beyond the data section. */
    OUT_OF_BOUNDS,
    /** Two tensors' byte ranges overlap. */
    OVERLAP,
    /** Part of the data section belongs to no tensor (a hole or trailing bytes). */
    UNCOVERED_BYTES,
    /** The tensor asked for is not in the file. */
    NO_SUCH_TENSOR,
    /** A tensor is too large to copy into one ND4J array. */
    TOO_LARGE,
    /** A tensor to write has a dtype or name safetensors cannot hold. */
    UNWRITABLE,
    /** An I/O error. */
    IO
  }

  private final Problem problem;
  private final Path file;

  /** Creates the exception; the message is prefixed with the file. */
  public SafetensorsException(Problem problem, Path file, String message) {
    this(problem, file, message, null);
  }

  /** Creates the exception with a cause; the message is prefixed with the file. */
  public SafetensorsException(Problem problem, Path file, String message, Throwable cause) {
    super(file + ": " + message + " (" + problem + ")", cause);
    this.problem = problem;
    this.file = file;
  }

  /** The kind of problem. */
  public Problem problem() {
    return problem;
  }

  /** The file concerned. */
  public Path file() {
    return file;
  }
}
