package dev.circuits.cli;

import dev.circuits.gpt2.hub.DownloadProgress;
import dev.circuits.gpt2.hub.HubSettings;
import dev.circuits.gpt2.hub.HuggingFaceHub;
import java.io.PrintStream;
import java.time.Duration;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

/** Renders the Hub's download progress as an ASCII bar (no colour codes) on a terminal. */
final class DownloadBar {
  private DownloadBar() {}

  /** The command line's Hub: the environment's settings, a bar where {@link #showBar} allows. */
  static HuggingFaceHub hub() {
    HubSettings settings = HubSettings.fromEnvironment();
    return HuggingFaceHub.builder().settings(settings)
        .progress(showBar(settings, System.console() != null) ? ascii(System.err)
            : DownloadProgress.standard())
        .build();
  }

  /** Bars only on an interactive terminal, and never when the settings disable them (CI). */
  static boolean showBar(HubSettings settings, boolean interactiveTerminal) {
    return settings.progressBars() && interactiveTerminal;
  }

  /** An ASCII bar written to {@code out}, e.g. {@code System.err}. */
  static DownloadProgress ascii(PrintStream out) {
    return (name, total, done) -> ascii(new ConsoleProgressBarConsumer(out)).start(name, total,
        done);
  }

  /** An ASCII bar rendered into {@code consumer}. */
  static DownloadProgress ascii(ProgressBarConsumer consumer) {
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
      return new DownloadProgress.Task() {
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
}
