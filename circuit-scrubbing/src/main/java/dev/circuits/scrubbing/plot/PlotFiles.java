package dev.circuits.scrubbing.plot;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
   * Writes {@code bytes} to {@code file} through a temporary sibling and an atomic rename, so a
   * failed write never leaves a partial file; {@code what} names the content in errors.
   */
  public static void writeAtomically(Path file, byte[] bytes, String what) {
    Path target = file.toAbsolutePath();
    Path tmp = null;
    try {
      Files.createDirectories(target.getParent());
      tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
      Files.write(tmp, bytes);
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // the original failure is the one to report
        }
      }
      throw new PlotException("cannot write " + what + " to " + file + ": " + e, e);
    }
  }
}
