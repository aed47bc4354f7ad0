package dev.circuits.core.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes a file atomically: temp file in the same directory, fsync, rename over the target. */
public final class AtomicFiles {
  private static final Logger LOG = LoggerFactory.getLogger(AtomicFiles.class);

  /** Fills an open, empty file. */
  @FunctionalInterface
  public interface Body {
    void writeTo(FileChannel channel) throws IOException;
  }

  private AtomicFiles() {}

  /** Prefix of the temp files {@link #write} creates: a dot and the target's file name. */
  static String tempPrefix(Path target) {
    return "." + target.getFileName() + ".";
  }

  /**
   * Writes {@code bytes} to {@code target}, creating its directory; on failure nothing is left
   * behind.
   */
  public static void write(Path target, byte[] bytes) throws IOException {
    Files.createDirectories(target.toAbsolutePath().getParent());
    write(target, ch -> {
      java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(bytes);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
    });
  }

  /** Writes {@code target} with {@code body}; on failure nothing is left behind. */
  public static void write(Path target, Body body) throws IOException {
    Path absolute = target.toAbsolutePath();
    Path dir = absolute.getParent();
    // Not Files.createTempFile: its 0600 permissions would stick to the target; this follows umask.
    Path tmp = dir.resolve(tempPrefix(absolute)
        + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
    FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    boolean moved = false;
    try {
      try (ch) {
        body.writeTo(ch);
        ch.force(true);
      }
      try {
        Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("the file system of " + dir + " cannot rename atomically", e);
      }
      moved = true;
      syncDirectory(dir);
    } finally {
      if (!moved) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException e) {
          LOG.warn("could not delete temp file {}", tmp, e);
        }
      }
    }
  }

  private static void syncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      LOG.debug("cannot fsync directory {} (not supported here)", dir, e);
    }
  }
}
