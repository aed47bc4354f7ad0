package dev.circuits.report;

import dev.circuits.core.internal.AtomicFiles;
import dev.circuits.ioi.plot.PlotException;
import java.io.IOException;
import java.nio.file.Path;

/** Atomic writes of report files and figures, so a failed write never leaves a partial file. */
public final class ReportFiles {
  private ReportFiles() {}

  /** Writes {@code bytes} to {@code file} atomically; {@code what} names the content in errors. */
  public static void writeAtomically(Path file, byte[] bytes, String what) {
    try {
      AtomicFiles.write(file, bytes);
    } catch (IOException | RuntimeException e) {
      throw new PlotException("cannot write " + what + " to " + file + ": " + e, e);
    }
  }
}
