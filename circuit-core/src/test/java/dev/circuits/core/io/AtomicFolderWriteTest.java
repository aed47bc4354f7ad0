package dev.circuits.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.circuits.core.internal.AtomicFiles;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 15: a folder is written whole or not at all (a full disk left config.json alone). */
class AtomicFolderWriteTest {
  private static final java.util.Set<String> NAMES = java.util.Set.of("config.json",
      "model.safetensors");

  @TempDir
  Path tmp;

  private List<String> entries(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private void writeBoth(Path target, String content) throws IOException {
    AtomicFiles.writeFolder(target, NAMES, dir -> {
      Files.writeString(dir.resolve("config.json"), content);
      Files.writeString(dir.resolve("model.safetensors"), content);
    });
  }

  @Test
  void aFailingWriteLeavesNothingBehind() throws IOException {
    Path target = tmp.resolve("model");
    IOException e = assertThrows(IOException.class, () -> AtomicFiles.writeFolder(target, NAMES, dir -> {
      Files.writeString(dir.resolve("config.json"), "{}");
      throw new IOException("No space left on device");
    }));
    assertEquals("No space left on device", e.getMessage());
    assertEquals(List.of(), entries(tmp));
  }

  @Test
  void anEarlierCheckpointIsReplacedWholeAndKeptOnFailure() throws IOException {
    Path target = tmp.resolve("model");
    writeBoth(target, "old");
    assertThrows(IllegalStateException.class, () -> AtomicFiles.writeFolder(target, NAMES, dir -> {
      Files.writeString(dir.resolve("config.json"), "new");
      throw new IllegalStateException("disk full");
    }));
    assertEquals("old", Files.readString(target.resolve("model.safetensors")));
    writeBoth(target, "new");
    assertEquals(List.of("config.json", "model.safetensors"), entries(target));
    assertEquals("new", Files.readString(target.resolve("config.json")));
    assertEquals(List.of("model"), entries(tmp));
  }

  @Test
  void aFileOrAFolderHoldingOtherFilesIsRefusedWithAReason() throws IOException {
    Path file = Files.writeString(tmp.resolve("file"), "x");
    IOException e = assertThrows(IOException.class, () -> writeBoth(file, "new"));
    assertTrue(IoErrors.describe(e).contains("it is a file, not a folder"), IoErrors.describe(e));
    assertTrue(e instanceof FileAlreadyExistsException);
    Path home = Files.createDirectories(tmp.resolve("home"));
    Files.writeString(home.resolve("thesis.tex"), "precious");
    IOException refused = assertThrows(IOException.class, () -> writeBoth(home, "new"));
    assertTrue(IoErrors.describe(refused).contains("thesis.tex"), IoErrors.describe(refused));
    assertEquals("precious", Files.readString(home.resolve("thesis.tex")));
    assertEquals(List.of("thesis.tex"), entries(home));
    assertFalse(entries(tmp).stream().anyMatch(n -> n.endsWith(".tmp")), entries(tmp).toString());
  }
}
