package dev.circuits.gpt2.hub;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How long hub requests and downloads may take, read from the environment like huggingface_hub:
 * {@code HF_HUB_ETAG_TIMEOUT} (seconds a metadata request may take, default 10),
 * {@code HF_HUB_DOWNLOAD_TIMEOUT} (seconds to connect, to get a response, and between two pieces
 * of a body, default 10), and ours: {@code CIRCUITS_DOWNLOAD_MIN_RATE} (bytes per second a
 * download must average over {@code rateWindow}, default 10000; 0 turns the rule off) and
 * {@code CIRCUITS_DOWNLOAD_DEADLINE} (seconds one file may take in all, retries included;
 * default 600 plus the file's size at the minimum rate).
 */
public record DownloadLimits(Duration etagTimeout, Duration downloadTimeout, Duration deadline,
    long minBytesPerSecond, Duration rateWindow) {
  /** huggingface_hub's default for both timeouts. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  /** Default minimum average rate, bytes per second. */
  public static final long DEFAULT_MIN_RATE = 10_000;
  /** Default window over which the rate is averaged. */
  public static final Duration DEFAULT_RATE_WINDOW = Duration.ofSeconds(30);
  /** The part of the automatic deadline that does not depend on the file's size. */
  public static final Duration DEADLINE_BASE = Duration.ofMinutes(10);

  /** Validates; {@code deadline} may be null (automatic: base plus size at the minimum rate). */
  public DownloadLimits {
    positive(etagTimeout, "etag timeout");
    positive(downloadTimeout, "download timeout");
    positive(rateWindow, "rate window");
    if (deadline != null) {
      positive(deadline, "deadline");
    }
    if (minBytesPerSecond < 0) {
      throw new IllegalArgumentException("the minimum rate must be >= 0 bytes/s, got "
          + minBytesPerSecond);
    }
  }

  /** The defaults (the values used when no variable is set). */
  public static DownloadLimits defaults() {
    return new DownloadLimits(DEFAULT_TIMEOUT, DEFAULT_TIMEOUT, null, DEFAULT_MIN_RATE,
        DEFAULT_RATE_WINDOW);
  }

  /** The limits {@code env} sets; a malformed value throws naming the variable. */
  public static DownloadLimits fromEnvironment(Map<String, String> env) {
    DownloadLimits d = defaults();
    return new DownloadLimits(seconds(env, "HF_HUB_ETAG_TIMEOUT", d.etagTimeout),
        seconds(env, "HF_HUB_DOWNLOAD_TIMEOUT", d.downloadTimeout),
        seconds(env, "CIRCUITS_DOWNLOAD_DEADLINE", null),
        bytesPerSecond(env, "CIRCUITS_DOWNLOAD_MIN_RATE", d.minBytesPerSecond), d.rateWindow);
  }

  /** These limits with both request timeouts set to {@code timeout}. */
  public DownloadLimits withTimeouts(Duration timeout) {
    return new DownloadLimits(timeout, timeout, deadline, minBytesPerSecond, rateWindow);
  }

  /** These limits with another minimum rate and window. */
  public DownloadLimits withMinRate(long bytesPerSecond, Duration window) {
    return new DownloadLimits(etagTimeout, downloadTimeout, deadline, bytesPerSecond, window);
  }

  /** These limits with a fixed total deadline per file. */
  public DownloadLimits withDeadline(Duration newDeadline) {
    return new DownloadLimits(etagTimeout, downloadTimeout, newDeadline, minBytesPerSecond,
        rateWindow);
  }

  /** The total time one file of {@code expectedBytes} (-1: unknown) may take. */
  public Duration deadlineFor(long expectedBytes) {
    if (deadline != null) {
      return deadline;
    }
    long atMinRate = minBytesPerSecond == 0 || expectedBytes <= 0 ? 0
        : expectedBytes / minBytesPerSecond;
    return DEADLINE_BASE.plusSeconds(atMinRate);
  }

  private static void positive(Duration d, String what) {
    Objects.requireNonNull(d, what);
    if (d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException("the " + what + " must be positive, got " + d);
    }
  }

  private static Duration seconds(Map<String, String> env, String var, Duration dflt) {
    String v = env.get(var);
    if (v == null || v.isBlank()) {
      return dflt;
    }
    try {
      double s = Double.parseDouble(v.trim());
      if (s > 0 && s < 1e9) {
        return Duration.ofMillis(Math.max(1, Math.round(s * 1000)));
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new HubException(HubException.Reason.INVALID_REQUEST, var + "='" + v + "' is not a "
        + "positive number of seconds (e.g. " + var + "=30)");
  }

  private static long bytesPerSecond(Map<String, String> env, String var, long dflt) {
    String v = env.get(var);
    if (v == null || v.isBlank()) {
      return dflt;
    }
    try {
      long n = Long.parseLong(v.trim());
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new HubException(HubException.Reason.INVALID_REQUEST, var + "='" + v + "' is not a "
        + "number of bytes per second >= 0 (e.g. " + var + "=10000; 0 turns the rule off)");
  }
}
