package dev.circuits.gpt2.hub;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;

/**
 * Enforces one file's total deadline and minimum average rate (over a sliding window) across all
 * attempts of a download; a breach throws a {@link HubException} ({@code NETWORK}) saying which
 * rule, with the variable that sets it.
 */
final class TransferGuard {
  private final DownloadLimits limits;
  private final RepoFile file;
  private final LongSupplier nanos;
  private final long start;
  private final long deadlineNanos;
  private final Deque<long[]> samples = new ArrayDeque<>();
  private long received;

  TransferGuard(DownloadLimits limits, RepoFile file, long expectedBytes, LongSupplier nanos) {
    this.limits = limits;
    this.file = file;
    this.nanos = nanos;
    this.start = nanos.getAsLong();
    this.deadlineNanos = start + limits.deadlineFor(expectedBytes).toNanos();
    samples.add(new long[] {start, 0});
  }

  /** Bytes received in all attempts so far. */
  long received() {
    return received;
  }

  /** Time left before the deadline (zero when it has passed). */
  Duration remaining() {
    return Duration.ofNanos(Math.max(0, deadlineNanos - nanos.getAsLong()));
  }

  /** Records {@code n} more bytes; throws when the deadline passed or the rate is too low. */
  void onBytes(long n) {
    received += n;
    long now = nanos.getAsLong();
    checkDeadline(now);
    long window = limits.rateWindow().toNanos();
    samples.addLast(new long[] {now, received});
    while (samples.size() > 2 && second()[0] <= now - window) {
      samples.pollFirst();
    }
    long[] ref = samples.peekFirst();
    if (limits.minBytesPerSecond() > 0 && now - start >= window && now > ref[0]) {
      double rate = (received - ref[1]) * 1e9 / (now - ref[0]);
      if (rate < limits.minBytesPerSecond()) {
        throw new HubException(HubException.Reason.NETWORK, "download of " + file + " is too "
            + "slow: " + Math.round(rate) + " bytes/s over the last "
            + Duration.ofNanos(now - ref[0]).toSeconds() + " s, below the minimum of "
            + limits.minBytesPerSecond() + " bytes/s (CIRCUITS_DOWNLOAD_MIN_RATE; 0 turns the "
            + "rule off)" + partialNote());
      }
    }
  }

  /** The second-oldest sample: once it is a window old, the oldest is no longer needed. */
  private long[] second() {
    java.util.Iterator<long[]> it = samples.iterator();
    it.next();
    return it.next();
  }

  /** Throws when the deadline has passed. */
  void checkDeadline() {
    checkDeadline(nanos.getAsLong());
  }

  private void checkDeadline(long now) {
    if (now > deadlineNanos) {
      throw new HubException(HubException.Reason.NETWORK, "download of " + file + " did not "
          + "finish within its deadline of " + Duration.ofNanos(deadlineNanos - start).toSeconds()
          + " s (CIRCUITS_DOWNLOAD_DEADLINE; by default 600 s plus the file's size at the "
          + "minimum rate); " + received + " bytes arrived" + partialNote());
    }
  }

  private static String partialNote() {
    return "; the partial file is kept and the next call resumes it";
  }
}
