package dev.circuits.bench;

import java.io.PrintStream;
import java.util.Locale;

/** A benchmark's report: each line is printed as it comes and kept for the caller. */
final class Report {
  private final PrintStream out;
  private final StringBuilder text = new StringBuilder();

  Report(PrintStream out) {
    this.out = out;
  }

  /** Formats (root locale), prints and keeps one line. */
  void line(String format, Object... args) {
    String s = String.format(Locale.ROOT, format, args);
    text.append(s).append('\n');
    out.println(s);
    out.flush();
  }

  /** Everything printed so far. */
  String text() {
    return text.toString();
  }
}
