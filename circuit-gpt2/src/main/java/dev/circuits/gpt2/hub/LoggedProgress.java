package dev.circuits.gpt2.hub;

import java.time.Duration;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Download progress as an SLF4J line every {@code interval} (for CI logs and pipes, where no bar
 * is drawn), so a slow or stuck download is never silent.
 */
final class LoggedProgress implements DownloadProgress {
  private static final Logger LOG = LoggerFactory.getLogger(LoggedProgress.class);

  private final Duration interval;
  private final LongSupplier nanos;

  LoggedProgress(Duration interval, LongSupplier nanos) {
    this.interval = interval;
    this.nanos = nanos;
  }

  @Override
  public Task start(String name, long totalBytes, long alreadyDone) {
    long begin = nanos.getAsLong();
    return new Task() {
      private long done = alreadyDone;
      private long lastReport = begin;

      @Override
      public void advance(long bytes) {
        done += bytes;
        long now = nanos.getAsLong();
        if (now - lastReport >= interval.toNanos()) {
          lastReport = now;
          LOG.info("downloading {}: {} MB{} ({} kB/s)", name, done >> 20,
              totalBytes >= 0 ? " of " + (totalBytes >> 20) + " MB" : "",
              Math.round((done - alreadyDone) / 1024.0 / Math.max(1e-9, (now - begin) / 1e9)));
        }
      }

      @Override
      public void close() {
        LOG.debug("download of {} ended after {} bytes", name, done);
      }
    };
  }
}
