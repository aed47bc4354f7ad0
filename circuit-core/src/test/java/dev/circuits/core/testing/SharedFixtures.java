package dev.circuits.core.testing;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Locates the read-only fixtures in the project's sibling {@code shared/} folder by walking up
 * from the working directory; tests skip (JUnit assumption) when it is absent.
 */
public final class SharedFixtures {
  private SharedFixtures() {}

  /** The folder {@code shared/<relative>} found above the working directory, or a skip. */
  public static Path require(String relative) {
    Path dir = Paths.get("").toAbsolutePath();
    for (Path d = dir; d != null; d = d.getParent()) {
      Path candidate = d.resolve("shared").resolve(relative);
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    return Assumptions.abort("shared/" + relative + " not found above " + dir + "; skipping");
  }

  /** REMIX's model files ({@code shared/fixtures/circ}). */
  public static Path circDir() {
    return require("fixtures/circ");
  }
}
