package dev.circuits.gpt2.model;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/** REMIX's model files in the sibling {@code shared/fixtures/circ} folder (tests skip without). */
final class SharedCircFiles {
  private SharedCircFiles() {}

  /** The file {@code shared/fixtures/circ/<name>} above the working directory, or a skip. */
  static Path require(String name) {
    Path start = Path.of("").toAbsolutePath();
    for (Path d = start; d != null; d = d.getParent()) {
      Path f = d.resolve("shared").resolve("fixtures").resolve("circ").resolve(name);
      if (Files.isRegularFile(f)) {
        return f;
      }
    }
    return Assumptions.abort("shared/fixtures/circ/" + name + " not found above " + start);
  }
}
