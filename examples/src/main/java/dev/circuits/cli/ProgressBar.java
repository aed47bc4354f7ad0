package dev.circuits.cli;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar redrawn in place on a terminal; when the output is not a terminal (CI
 * logs, pipes) one plain line per step instead.
 */
final class ProgressBar {
  private static final int WIDTH = 30;
  private final PrintStream out;
  private final boolean interactive;
  private int lastLength;
  private String task;
  private long taskStart;

  ProgressBar(PrintStream out) {
    this(out, System.console() != null);
  }

  ProgressBar(PrintStream out, boolean interactive) {
    this.out = out;
    this.interactive = interactive;
  }

  /** Redraws the bar: {@code done} of {@code total} steps of {@code task}, next {@code step}. */
  synchronized void update(String task, String step, int done, int total) {
    if (!task.equals(this.task)) {
      this.task = task;
      taskStart = System.nanoTime();
    }
    int filled = total <= 0 ? 0 : Math.min(WIDTH, done * WIDTH / total);
    String line = String.format(Locale.ROOT, "claim %s [%s%s] %d/%d %5.1f s %s", task,
        "#".repeat(filled), ".".repeat(WIDTH - filled), done, total,
        (System.nanoTime() - taskStart) / 1e9, step);
    if (!interactive) {
      out.println(line);
      return;
    }
    out.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
    out.flush();
    lastLength = line.length();
  }

  /** Ends the bar's line. */
  synchronized void finish() {
    if (lastLength > 0) {
      out.println();
      lastLength = 0;
    }
  }
}
