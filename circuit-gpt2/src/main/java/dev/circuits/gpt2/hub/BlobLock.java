package dev.circuits.gpt2.hub;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/** Serialises downloads of one blob across threads (an in-JVM lock) and processes (a file lock). */
final class BlobLock {
  private static final ConcurrentHashMap<Path, ReentrantLock> IN_JVM = new ConcurrentHashMap<>();

  private BlobLock() {}

  /** Runs {@code action} while holding the lock file {@code lockFile}. */
  static <T> T with(Path lockFile, Supplier<T> action) {
    Path key = lockFile.toAbsolutePath().normalize();
    ReentrantLock jvmLock = IN_JVM.computeIfAbsent(key, k -> new ReentrantLock());
    jvmLock.lock();
    try {
      Files.createDirectories(key.getParent());
      try (FileChannel channel = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
        FileLock fileLock = channel.lock();
        try {
          return action.get();
        } finally {
          fileLock.release();
        }
      }
    } catch (IOException e) {
      throw new HubException(HubException.Reason.CACHE_IO, "cannot lock " + key + ": " + e, e);
    } finally {
      jvmLock.unlock();
    }
  }
}
