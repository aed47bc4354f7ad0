package dev.circuits.scrubbing.plot;

import dev.circuits.core.io.AtomicFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/** PNG encoding of XChart charts and atomic file writes shared by every plot. */
public final class PlotFiles {
  private PlotFiles() {}

  /** The PNG bytes of {@code chart}; {@code what} names it in errors. */
  static byte[] png(Chart<?, ?> chart, String what) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
      return out.toByteArray();
    } catch (IOException | RuntimeException e) {
      throw new PlotException("cannot draw " + what + " as PNG: " + e, e);
    }
  }

  /**
   * Writes {@code bytes} to {@code file} atomically ({@link AtomicFiles}), so a failed write
   * never leaves a partial file; {@code what} names the content in errors.
   */
  public static void writeAtomically(Path file, byte[] bytes, String what) {
    try {
      AtomicFiles.write(file, bytes);
    } catch (IOException | RuntimeException e) {
      throw new PlotException("cannot write " + what + " to " + file + ": " + e, e);
    }
  }
}
