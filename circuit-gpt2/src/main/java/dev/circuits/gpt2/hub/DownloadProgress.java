package dev.circuits.gpt2.hub;

import java.io.PrintStream;
import java.time.Duration;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

/** Reports download progress; {@link #none()} is silent, {@link #asciiBar} draws a bar on a stream. */
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

  /** An ASCII progress bar (no colour codes) written to {@code out}, e.g. {@code System.err}. */
  static DownloadProgress asciiBar(PrintStream out) {
    return (name, total, done) -> asciiBar(new ConsoleProgressBarConsumer(out)).start(name, total, done);
  }

  /** An ASCII progress bar rendered into {@code consumer}. */
  static DownloadProgress asciiBar(ProgressBarConsumer consumer) {
    return (name, total, done) -> {
      ProgressBar bar = new ProgressBarBuilder()
          .setTaskName(name)
          .setInitialMax(total < 0 ? -1 : total)
          .setStyle(ProgressBarStyle.ASCII)
          .setUnit("MB", 1L << 20)
          .showSpeed()
          .setConsumer(consumer)
          .startsFrom(Math.max(done, 0), Duration.ZERO)
          .build();
      return new Task() {
        @Override
        public void advance(long bytes) {
          bar.stepBy(bytes);
        }

        @Override
        public void close() {
          bar.close();
        }
      };
    };
  }

  /** An SLF4J INFO line every {@code interval} while a download runs. */
  static DownloadProgress logged(Duration interval) {
    return new LoggedProgress(interval, System::nanoTime);
  }

  /**
   * The default: an ASCII bar on stderr when {@code settings} allow bars (not {@code CI}) and stderr is an
   * interactive terminal; otherwise an SLF4J line every 10 s, so a slow download is never silent.
   */
  static DownloadProgress auto(HubSettings settings) {
    return ProgressChoice.showBar(settings, System.console() != null) ? asciiBar(System.err)
        : logged(Duration.ofSeconds(10));
  }
}
