package dev.circuits.core.internal;

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
  public static String tempPrefix(Path target) {
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

  /** Fills a fresh, empty folder. */
  @FunctionalInterface
  public interface FolderBody {
    /** Writes the folder's files into {@code folder}. */
    void writeInto(Path folder) throws IOException;
  }

  /**
   * Writes the folder {@code target} atomically: {@code body} fills a temp folder beside it with
   * the files named {@code names}, which are synced before one rename puts the folder in place,
   * so readers see the old folder or the complete new one, never a part; on failure nothing is
   * left behind. {@code target} may be absent, an empty folder, or a folder holding only files
   * named {@code names} (replaced); anything else (a file, other files) is refused before
   * {@code body} runs.
   */
  public static void writeFolder(Path target, java.util.Set<String> names, FolderBody body)
      throws IOException {
    Path absolute = target.toAbsolutePath().normalize();
    Path parent = absolute.getParent();
    if (parent == null) {
      throw new IOException("cannot replace the root folder " + absolute);
    }
    if (Files.exists(absolute) && !Files.isDirectory(absolute)) {
      throw new java.nio.file.FileAlreadyExistsException(absolute.toString(), null,
          "it is a file, not a folder");
    }
    if (Files.isDirectory(absolute)) {
      refuseForeign(absolute, names);
    }
    Files.createDirectories(parent);
    Path tmp = parent.resolve(tempPrefix(absolute)
        + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
    Files.createDirectory(tmp);
    Path old = null;
    try {
      body.writeInto(tmp);
      java.util.Set<String> written = syncFiles(tmp);
      if (!names.containsAll(written)) {
        throw new IOException("the folder body wrote " + written + ", not only " + names);
      }
      if (Files.isDirectory(absolute)) {
        refuseForeign(absolute, names);
        if (!names(absolute).isEmpty()) {
          old = parent.resolve(tempPrefix(absolute) + "old."
              + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".tmp");
          Files.move(absolute, old, StandardCopyOption.ATOMIC_MOVE);
        }
      }
      Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE);
      tmp = null;
      syncDirectory(parent);
    } finally {
      if (tmp != null && old != null && !Files.exists(absolute)) {
        Files.move(old, absolute, StandardCopyOption.ATOMIC_MOVE); // put the old folder back
        old = null;
      }
      deleteQuietly(tmp);
      deleteQuietly(old);
    }
  }

  /** Refuses a folder holding anything but regular files named {@code names}. */
  private static void refuseForeign(Path dir, java.util.Set<String> names) throws IOException {
    java.util.List<String> foreign = names(dir).stream()
        .filter(n -> !names.contains(n) || !Files.isRegularFile(dir.resolve(n))).toList();
    if (!foreign.isEmpty()) {
      throw new java.nio.file.DirectoryNotEmptyException(dir + " (it holds "
          + foreign.subList(0, Math.min(5, foreign.size())) + (foreign.size() > 5 ? ", ..." : "")
          + ", which this write would not replace; choose a new or empty folder)");
    }
  }

  /** Syncs every regular file in {@code dir} to disk; returns their names. */
  private static java.util.Set<String> syncFiles(Path dir) throws IOException {
    java.util.Set<String> out = new java.util.HashSet<>();
    for (String n : names(dir)) {
      Path f = dir.resolve(n);
      if (Files.isRegularFile(f)) {
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
          ch.force(true);
        }
        out.add(n);
      }
    }
    syncDirectory(dir);
    return out;
  }

  private static java.util.List<String> names(Path dir) throws IOException {
    try (java.util.stream.Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /** Deletes a temp folder of ours (flat: files only) and logs what cannot be deleted. */
  private static void deleteQuietly(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try {
      for (String n : names(dir)) {
        Files.deleteIfExists(dir.resolve(n));
      }
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      LOG.warn("could not delete temp folder {}", dir, e);
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
