package dev.circuits.gpt2.hub;

import dev.circuits.core.CircuitException;
import java.util.Objects;

/** A Hugging Face Hub download or cache lookup that failed; {@link #reason()} says how. */
public class HubException extends CircuitException {
  /** Why a hub operation failed. */
  public enum Reason {
    /** The repo, revision or file does not exist (HTTP 404). */
    NOT_FOUND,
    /** The hub refused access (HTTP 401/403): private or gated repo, missing or bad HF_TOKEN. */
    UNAUTHORIZED,
    /** Offline (HF_HUB_OFFLINE or no network) and the file is not in the local cache. */
    NOT_CACHED,
    /** The downloaded bytes do not match the advertised size or sha256. */
    VERIFICATION_FAILED,
    /** The connection failed or dropped; a partial download is kept for resuming. */
    NETWORK,
    /** The server answered with an unexpected status or without the required headers. */
    BAD_RESPONSE,
    /** Reading or writing the local cache failed. */
    CACHE_IO,
    /** The repo id, revision or filename is malformed. */
    INVALID_REQUEST
  }

  private final Reason reason;

  /** Creates an exception with a message naming the repo/file/URL and what was expected. */
  public HubException(Reason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** Creates an exception wrapping a cause. */
  public HubException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** Why the operation failed. */
  public Reason reason() {
    return reason;
  }
}
