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
    return find(relative).orElseGet(() -> Assumptions.abort("shared/" + relative
        + " not found above " + Paths.get("").toAbsolutePath() + "; skipping"));
  }

  /** The folder {@code shared/<relative>} found above the working directory, if there is one. */
  public static java.util.Optional<Path> find(String relative) {
    for (Path d = Paths.get("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path candidate = d.resolve("shared").resolve(relative);
      if (Files.isDirectory(candidate)) {
        return java.util.Optional.of(candidate);
      }
    }
    return java.util.Optional.empty();
  }

  /** REMIX's model files ({@code shared/fixtures/circ}). */
  public static Path circDir() {
    return require("fixtures/circ");
  }
}
