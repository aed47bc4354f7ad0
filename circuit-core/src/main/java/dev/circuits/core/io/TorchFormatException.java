package dev.circuits.core.io;

import dev.circuits.core.CircuitException;

/** A {@code torch.save} file is malformed, unsupported or cannot be read or written. */
public final class TorchFormatException extends CircuitException {
  /** The kind of problem. */
  public enum Problem {
    /** Not a zip archive, or a damaged one (bad headers, sizes or CRC). */
    BAD_ARCHIVE,
    /** The pre-1.6 (non-zip) torch.save format. */
    LEGACY_FORMAT,
    /** A required entry ({@code data.pkl}, {@code version}, a storage) is missing. */
    MISSING_ENTRY,
    /** An entry that a plain-tensor torch.save file does not have. */
    UNEXPECTED_ENTRY,
    /** The pickle is truncated or malformed. */
    BAD_PICKLE,
    /** The pickle uses an opcode outside the protocol-2 subset torch writes for a tensor. */
    UNSUPPORTED_OPCODE,
    /** The pickle names a global other than the tensor-rebuilding ones. */
    UNSUPPORTED_GLOBAL,
    /** The pickled value is not a plain tensor (wrong arguments, hooks, metadata). */
    UNSUPPORTED_OBJECT,
    /** A storage type (dtype) this reader does not handle, e.g. bfloat16. */
    UNSUPPORTED_DTYPE,
    /** The tensor's size, stride and offset do not fit its storage. */
    BAD_STORAGE,
    /** A big-endian file. */
    BYTE_ORDER,
    /** A tensor too large for this writer (zip64) or for one ND4J buffer. */
    TOO_LARGE,
    /** An I/O error. */
    IO
  }

  private final Problem problem;

  /** Creates the exception; {@code where} names the file (or stream) concerned. */
  public TorchFormatException(Problem problem, String where, String message) {
    this(problem, where, message, null);
  }

  /** Creates the exception with a cause. */
  public TorchFormatException(Problem problem, String where, String message, Throwable cause) {
    super(where + ": " + message + " (" + problem + ")", cause);
    this.problem = problem;
  }

  /** The kind of problem. */
  public Problem problem() {
    return problem;
  }
}
