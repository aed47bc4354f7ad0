package dev.circuits.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.circuits.core.internal.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

class SafetensorsAtomicWriteTest {
  @TempDir
  Path tmp;

  private List<String> listing(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }

  @Test
  void successfulWriteLeavesOnlyTheTarget() throws IOException {
    Safetensors.write(tmp.resolve("a.safetensors"), Map.of("x", Nd4j.rand(3, 3)));
    Safetensors.write(tmp.resolve("a.safetensors"), Map.of("x", Nd4j.rand(3, 3)));
    assertEquals(List.of("a.safetensors"), listing(tmp));
  }

  @Test
  void failedWriteLeavesNothingBehind() throws IOException {
    Path target = tmp.resolve("taken");
    Files.createDirectory(target);
    Files.writeString(target.resolve("keep"), "x");
    SafetensorsException e = assertThrows(SafetensorsException.class,
        () -> Safetensors.write(target, Map.of("x", Nd4j.rand(2, 2))));
    assertEquals(SafetensorsException.Problem.IO, e.problem());
    assertTrue(e.getMessage().contains("taken"), e.getMessage());
    assertEquals(List.of("taken"), listing(tmp));
    assertEquals(List.of("keep"), listing(target));
  }

  @Test
  void writeIntoMissingDirectoryFailsCleanly() {
    Path target = tmp.resolve("no/such/dir/a.safetensors");
    SafetensorsException e = assertThrows(SafetensorsException.class,
        () -> Safetensors.write(target, Map.of("x", Nd4j.rand(2, 2))));
    assertEquals(SafetensorsException.Problem.IO, e.problem());
  }

  @Test
  void writtenFilesGetTheUsualPermissionsNotTempFilePermissions() throws IOException {
    Path written = tmp.resolve("p.safetensors");
    Safetensors.write(written, Map.of("x", Nd4j.rand(2, 2)));
    Path plain = Files.createFile(tmp.resolve("plain"));
    assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(written));
  }

  @Test
  void tempFilesAreHiddenAndNamedAfterTheTarget() {
    assertEquals(".a.safetensors.", AtomicFiles.tempPrefix(tmp.resolve("a.safetensors")));
  }
}
