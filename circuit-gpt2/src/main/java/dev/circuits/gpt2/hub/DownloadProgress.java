package dev.circuits.gpt2.hub;

import java.time.Duration;

/**
 * Receives download progress (a callback: the library draws nothing; the command line renders a
 * bar). {@link #none()} is silent, {@link #logged} writes an SLF4J line now and then.
 */
public interface DownloadProgress {
  /** Starts reporting a download of {@code totalBytes} (-1 if unknown), {@code alreadyDone} of them resumed. */
  Task start(String name, long totalBytes, long alreadyDone);

  /** One running download. */
  interface Task extends AutoCloseable {
    /** Records {@code bytes} more bytes received. */
    void advance(long bytes);

    /** Ends the report. */
    @Override
    void close();
  }

  /** Reports nothing. */
  static DownloadProgress none() {
    return (name, total, done) -> new Task() {
      @Override
      public void advance(long bytes) {}

      @Override
      public void close() {}
    };
  }

  /** An SLF4J INFO line every {@code interval} while a download runs. */
  static DownloadProgress logged(Duration interval) {
    return new LoggedProgress(interval, System::nanoTime);
  }

  /** The library's default: an SLF4J line every 10 s, so a slow download is never silent. */
  static DownloadProgress standard() {
    return logged(Duration.ofSeconds(10));
  }
}
