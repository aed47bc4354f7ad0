package dev.circuits.core.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * Says why an I/O operation failed in words: the JDK's file exceptions often carry only a path
 * ({@code FileAlreadyExistsException: /x}), which reads as no reason at all.
 */
public final class IoErrors {
  private IoErrors() {}

  /** A reason for {@code e}, e.g. {@code "/x already exists"} or {@code "/x: No space left"}. */
  public static String describe(IOException e) {
    if (e instanceof FileAlreadyExistsException f) {
      return f.getFile() + " already exists" + other(f);
    }
    if (e instanceof NoSuchFileException f) {
      return f.getFile() + " does not exist" + other(f);
    }
    if (e instanceof AccessDeniedException f) {
      return "permission denied: " + f.getFile() + other(f);
    }
    if (e instanceof NotDirectoryException f) {
      return f.getFile() + " is not a folder" + other(f);
    }
    if (e instanceof DirectoryNotEmptyException f) {
      return f.getFile() + " is a folder that is not empty" + other(f);
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getFile() + other(f);
    }
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }

  private static String other(FileSystemException f) {
    return (f.getOtherFile() == null ? "" : " (with " + f.getOtherFile() + ")")
        + (f.getReason() == null ? "" : ": " + f.getReason());
  }
}
