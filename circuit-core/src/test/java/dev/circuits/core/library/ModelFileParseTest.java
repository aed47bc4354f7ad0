package dev.circuits.core.library;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.circuits.core.testing.SharedFixtures;
import dev.circuits.core.text.ParserOptions;
import dev.circuits.core.text.PrintOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** REMIX's three model files parse completely and print back identically. */
class ModelFileParseTest {
  @ParameterizedTest
  @ValueSource(strings = {"jun9_paren_balancer.circ", "attention_only_2.circ",
      "gelu_12_tied.circ"})
  void printsBackIdentically(String file) throws IOException {
    Path path = SharedFixtures.circDir().resolve(file);
    String text = Files.readString(path);
    ModelFile f = ModelFile.parse(text, ParserOptions.defaults().withTensorStandIns(true));
    assertEquals(withoutTrailingComments(text), f.dump(PrintOptions.defaults()));
  }

  /** The files end with a blank line and a hand-written "# originally ..." comment. */
  static String withoutTrailingComments(String text) {
    String[] lines = text.split("\n", -1);
    int end = lines.length;
    while (end > 0 && (lines[end - 1].isBlank() || lines[end - 1].startsWith("#"))) {
      end--;
    }
    return String.join("\n", java.util.Arrays.copyOf(lines, end)) + "\n";
  }
}
